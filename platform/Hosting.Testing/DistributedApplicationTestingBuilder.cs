using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Testing;

public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs the AppHost's own entry point and takes its model when it calls Build(), so tests start exactly what
/// developers start: with random ports, no dashboard, resource output kept in memory, and a state folder
/// deleted at dispose.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new() => CreateAsync<TEntryPoint>([], cancellationToken);

    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        var metadata = new TEntryPoint();
        var name = Path.GetFileNameWithoutExtension(metadata.TargetPath);
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name) ?? Assembly.LoadFrom(metadata.TargetPath);
        var entryPoint = assembly.EntryPoint ?? throw new InvalidOperationException($"{name} has no entry point.");

        var hook = new TestingHook
        {
            Options = new DistributedApplicationOptions { Args = args, RandomizePorts = true, DisableDashboard = true, EchoResourceLogs = false },
        };
        TestingHook.Current = hook;
        try
        {
            if (entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]) is Task task)
            {
                await task.WaitAsync(cancellationToken);
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is TestingHook.BuilderCapturedException)
        {
        }
        catch (TestingHook.BuilderCapturedException)
        {
        }
        finally
        {
            TestingHook.Current = null;
        }
        return new TestingBuilder(hook.Builder ?? throw new InvalidOperationException($"{name} never called Build() on its DistributedApplication builder."));
    }

    private sealed class TestingBuilder(DistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public IConfigurationManager Configuration => inner.Configuration;

        public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

        public IReadOnlyList<Resource> Resources => inner.Resources;

        public string AppHostDirectory => inner.AppHostDirectory;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource => inner.AddResource(resource);

        public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : Resource => inner.CreateResourceBuilder<T>(name);

        public DistributedApplication Build() => new(inner);

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());
    }
}
