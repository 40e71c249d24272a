using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public sealed class DistributedApplicationExecutionContext(bool isPublishMode)
{
    public bool IsPublishMode { get; } = isPublishMode;

    public bool IsRunMode => !IsPublishMode;
}

public interface IDistributedApplicationBuilder
{
    IConfigurationManager Configuration { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    IReadOnlyList<Resource> Resources { get; }

    /// <summary>The folder of the AppHost project; relative paths start there.</summary>
    string AppHostDirectory { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : Resource;

    IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : Resource;

    DistributedApplication Build();
}

public interface IResourceBuilder<out T> where T : Resource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T> where T : Resource
{
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;
}
