using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options, Assembly appHostAssembly)
    {
        Options = options;
        AppHostDirectory = appHostAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectDirectory")?.Value ?? AppContext.BaseDirectory;
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Path.Combine(AppHostDirectory, "appsettings.json"), optional: true);
        configuration.AddEnvironmentVariables();
        // Switches take no value; the rest ("--publisher manifest", "--Parameters:x=y") is configuration.
        var switches = options.Args.Where(Switches.Contains).ToHashSet();
        configuration.AddCommandLine([.. options.Args.Where(arg => !Switches.Contains(arg))]);
        Configuration = configuration;
        PublisherOutputPath = configuration["publisher"] == "manifest"
            ? configuration["output-path"] ?? "aspire-manifest.json"
            : null;
        ExecutionContext = new DistributedApplicationExecutionContext(isPublishMode: PublisherOutputPath is not null);
        options.KeepState |= switches.Contains("--keep-state");
        options.StateDirectory ??= configuration["state-dir"];
        if (options.OtlpEndpoint is null)
        {
            // Aspire's names: the gRPC endpoint wins; the HTTP one sends http/protobuf.
            options.OtlpEndpoint = configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ?? configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"];
            if (options.OtlpEndpoint is null && configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] is { } httpEndpoint)
            {
                options.OtlpEndpoint = httpEndpoint;
                options.OtlpProtocol = "http/protobuf";
            }
        }
        options.DisableDashboard |= switches.Contains("--no-dashboard");
        options.RandomizePorts |= switches.Contains("--randomize-ports");
    }

    private static readonly string[] Switches = ["--keep-state", "--randomize-ports", "--no-dashboard"];

    public DistributedApplicationOptions Options { get; }

    public string? PublisherOutputPath { get; }

    public IConfigurationManager Configuration { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public string AppHostDirectory { get; }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : Resource =>
        new ResourceBuilder<T>(this, _resources.OfType<T>().SingleOrDefault(r => r.Name == name)
            ?? throw new ArgumentException($"No {typeof(T).Name} named '{name}'.", nameof(name)));

    public DistributedApplication Build()
    {
        // Under test, hand the model to the testing builder instead of running it (see DistributedApplicationTestingBuilder).
        if (TestingHook.Current is { } hook)
        {
            hook.Capture(this);
        }
        return new DistributedApplication(this);
    }
}

/// <summary>Lets a test run the AppHost's entry point and take its builder at Build().</summary>
internal sealed class TestingHook
{
    private static readonly AsyncLocal<TestingHook?> CurrentHook = new();

    public static TestingHook? Current
    {
        get => CurrentHook.Value;
        set => CurrentHook.Value = value;
    }

    public required DistributedApplicationOptions Options { get; init; }

    public DistributedApplicationBuilder? Builder { get; private set; }

    public void Capture(DistributedApplicationBuilder builder)
    {
        Builder = builder;
        throw new BuilderCapturedException();
    }

    internal sealed class BuilderCapturedException() : Exception("The AppHost's builder was captured for a test.");
}
