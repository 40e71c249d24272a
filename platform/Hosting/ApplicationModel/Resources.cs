namespace Aspire.Hosting.ApplicationModel;

public abstract class Resource(string name)
{
    public string Name { get; } = name;

    public List<EndpointAnnotation> Endpoints { get; } = [];

    /// <summary>Called to fill the environment, when publishing (placeholders) and for each start (values).</summary>
    public List<Action<EnvironmentCallbackContext>> EnvironmentCallbacks { get; } = [];

    public List<Resource> WaitsFor { get; } = [];

    public int Replicas { get; set; } = 1;

    public override string ToString() => Name;
}

public sealed class EnvironmentCallbackContext(bool isPublishMode, int replica)
{
    public bool IsPublishMode { get; } = isPublishMode;

    /// <summary>Which replica is being started (0 when publishing).</summary>
    public int Replica { get; } = replica;

    public Dictionary<string, IValueProvider> EnvironmentVariables { get; } = new(StringComparer.Ordinal);
}

public interface IResourceWithConnectionString
{
    string Name { get; }

    ReferenceExpression ConnectionStringExpression { get; }
}

/// <summary>What the AppHost knows of a referenced project; generated at build time (see build/*.targets).</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The built assembly the run mode starts.</summary>
    string TargetPath { get; }
}

public sealed class ProjectResource(string name, IProjectMetadata metadata) : Resource(name)
{
    public IProjectMetadata Metadata { get; } = metadata;
}

public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> args) : Resource(name)
{
    public string Command { get; } = command;

    public string WorkingDirectory { get; } = workingDirectory;

    public IReadOnlyList<string> Args { get; } = args;
}

public sealed class GenerateParameterDefault
{
    public int MinLength { get; init; } = 22;

    public bool Special { get; init; } = true;
}

public sealed class ParameterResource(string name, bool secret, GenerateParameterDefault? generate, Func<string?> configuredValue)
    : Resource(name), IValueProvider
{
    private string? _value;

    public bool Secret { get; } = secret;

    public GenerateParameterDefault? Generate { get; } = generate;

    public string ValueExpression => $"{{{Name}.value}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Value);

    /// <summary>The configured value (Parameters:{name}), else a generated one kept for the life of the AppHost.</summary>
    public string Value => _value ??= configuredValue() ?? (Generate is { } generate
        ? PasswordGenerator.Generate(generate.MinLength, generate.Special)
        : throw new InvalidOperationException($"Parameter '{Name}' has no value: set Parameters:{Name} in configuration."));

    internal void Restore(string value) => _value = value;
}

internal static class PasswordGenerator
{
    public static string Generate(int length, bool special)
    {
        const string letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        // Characters that survive connection strings, URIs and shell quoting alike.
        var alphabet = special ? letters + "-_." : letters;
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }
}
