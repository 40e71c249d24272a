using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Assemblee.AppHost.Extensions;

public static class BuiltPrograms
{
    /// <summary>
    /// In run mode, starts each project's built assembly with `dotnet` instead of through `dotnet run --no-build`, Aspire's
    /// default, which evaluates the project with MSBuild at every start: about 3 s of CPU for each of the ten programs, on a
    /// two-core machine, at every start of the application (and the tests start it four times). The assembly is the one
    /// `dotnet run` would start, artifacts/bin/{project}/{configuration}/{project}.dll (UseArtifactsOutput), in the project's
    /// folder (its content root, as under `dotnet run`); a project not built there keeps `dotnet run`. Aspire starts a project
    /// through the command of its ExecutableAnnotation when it has one; nothing else in Aspire turns `dotnet run` off.
    /// </summary>
    public static void StartBuiltPrograms(this IDistributedApplicationBuilder builder)
    {
        var configuration = builder.AppHostAssembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        // An IDE's debug session and `dotnet watch` start the projects their own way.
        if (!builder.ExecutionContext.IsRunMode || builder.Configuration["DEBUG_SESSION_PORT"] is { Length: > 0 } ||
            builder.Configuration.GetValue<bool>("DOTNET_WATCH") || string.IsNullOrEmpty(configuration))
        {
            return;
        }
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                if (project.TryGetLastAnnotation<IProjectMetadata>(out var metadata) &&
                    Assembly(metadata.ProjectPath, configuration.ToLowerInvariant()) is { } assembly)
                {
                    project.Annotations.Add(new ExecutableAnnotation
                    {
                        Command = "dotnet",
                        WorkingDirectory = Path.GetDirectoryName(metadata.ProjectPath)!,
                    });
                    project.Annotations.Add(new CommandLineArgsCallbackAnnotation(arguments => arguments.Insert(0, assembly)));
                }
            }
            return Task.CompletedTask;
        });
    }

    private static string? Assembly(string projectPath, string configuration)
    {
        var name = Path.GetFileNameWithoutExtension(projectPath);
        for (var folder = Path.GetDirectoryName(projectPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var assembly = Path.Combine(folder, "artifacts", "bin", name, configuration, name + ".dll");
            if (File.Exists(assembly))
            {
                return assembly;
            }
        }
        return null;
    }
}
