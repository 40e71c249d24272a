using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes the model as an Aspire 9.x deployment manifest (container.v0, value.v0, parameter.v0, project.v0,
/// executable.v0), the subset deployment tools such as Aspirate read. Output is deterministic, so a test can
/// compare it with the committed aspire-manifest.json.
/// </summary>
internal static class ManifestPublisher
{
    public static async Task WriteAsync(IReadOnlyList<Resource> resources, string outputPath, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(outputPath)!;
        Directory.CreateDirectory(directory);
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/aspire-8.0.json");
            json.WriteStartObject("resources");
            foreach (var resource in resources)
            {
                json.WriteStartObject(resource.Name);
                WriteResource(json, resource, directory);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        await File.WriteAllTextAsync(outputPath, text, cancellationToken);
    }

    private static void WriteResource(Utf8JsonWriter json, Resource resource, string manifestDirectory)
    {
        switch (resource)
        {
            case ParameterResource parameter:
                json.WriteString("type", "parameter.v0");
                json.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
                json.WriteStartObject("inputs");
                json.WriteStartObject("value");
                json.WriteString("type", "string");
                json.WriteBoolean("secret", parameter.Secret);
                if (parameter.Generate is { } generate)
                {
                    json.WriteStartObject("default");
                    json.WriteStartObject("generate");
                    json.WriteNumber("minLength", generate.MinLength);
                    if (!generate.Special)
                    {
                        json.WriteBoolean("special", false);
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
                break;
            case ContainerResource container:
                json.WriteString("type", "container.v0");
                json.WriteString("connectionString", container.ConnectionStringExpression.ValueExpression);
                json.WriteString("image", container.Image);
                if (container.Entrypoint is { } entrypoint)
                {
                    json.WriteString("entrypoint", entrypoint);
                }
                WriteArgs(json, container.Args);
                WriteEnvironment(json, container);
                WriteBindings(json, container);
                break;
            case PostgresDatabaseResource database:
                json.WriteString("type", "value.v0");
                json.WriteString("connectionString", database.ConnectionStringExpression.ValueExpression);
                break;
            case ProjectResource project:
                json.WriteString("type", "project.v0");
                json.WriteString("path", RelativePath(manifestDirectory, project.Metadata.ProjectPath));
                WriteEnvironment(json, project);
                WriteBindings(json, project);
                break;
            case ExecutableResource executable:
                json.WriteString("type", "executable.v0");
                json.WriteString("workingDirectory", RelativePath(manifestDirectory, executable.WorkingDirectory));
                json.WriteString("command", executable.Command);
                WriteArgs(json, executable.Args);
                WriteEnvironment(json, executable);
                WriteBindings(json, executable);
                break;
            default:
                throw new NotSupportedException($"{resource.GetType().Name} has no manifest form.");
        }
    }

    private static void WriteArgs(Utf8JsonWriter json, IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return;
        }
        json.WriteStartArray("args");
        foreach (var arg in args)
        {
            json.WriteStringValue(arg);
        }
        json.WriteEndArray();
    }

    private static void WriteEnvironment(Utf8JsonWriter json, Resource resource)
    {
        var context = new EnvironmentCallbackContext(isPublishMode: true, replica: 0);
        foreach (var callback in resource.EnvironmentCallbacks)
        {
            callback(context);
        }
        if (context.EnvironmentVariables.Count == 0)
        {
            return;
        }
        json.WriteStartObject("env");
        foreach (var (name, value) in context.EnvironmentVariables)
        {
            json.WriteString(name, value.ValueExpression);
        }
        json.WriteEndObject();
    }

    private static void WriteBindings(Utf8JsonWriter json, Resource resource)
    {
        if (resource.Endpoints.Count == 0)
        {
            return;
        }
        json.WriteStartObject("bindings");
        foreach (var endpoint in resource.Endpoints)
        {
            json.WriteStartObject(endpoint.Name);
            json.WriteString("scheme", endpoint.Scheme);
            json.WriteString("protocol", "tcp");
            json.WriteString("transport", endpoint.Transport);
            if (endpoint.TargetPort is { } targetPort)
            {
                json.WriteNumber("targetPort", targetPort);
            }
            if (endpoint.IsExternal)
            {
                json.WriteBoolean("external", true);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static string RelativePath(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');
}
