using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Wiring between resources, with Aspire's names and environment conventions.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : Resource =>
        builder.WithEnvironment(name, ReferenceExpression.Literal(value));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IValueProvider value) where T : Resource
    {
        builder.Resource.EnvironmentCallbacks.Add(context => context.EnvironmentVariables[name] = value);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter) where T : Resource =>
        builder.WithEnvironment(name, (IValueProvider)parameter.Resource);

    /// <summary>Injects ConnectionStrings__{name}, as "{name.connectionString}" in the manifest.</summary>
    public static IResourceBuilder<T> WithReference<T, TSource>(this IResourceBuilder<T> builder, IResourceBuilder<TSource> source, string? connectionName = null)
        where T : Resource where TSource : Resource, IResourceWithConnectionString =>
        builder.WithEnvironment($"ConnectionStrings__{connectionName ?? source.Resource.Name}", new ConnectionStringReference(source.Resource));

    /// <summary>Injects services__{project}__{endpoint}__{i} for each endpoint (and, running, each replica) of a project.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> source) where T : Resource
    {
        var target = source.Resource;
        builder.Resource.EnvironmentCallbacks.Add(context =>
        {
            foreach (var endpoint in target.Endpoints)
            {
                var reference = new EndpointReference(target, endpoint.Name);
                var replicas = context.IsPublishMode ? 1 : target.Replicas;
                for (var replica = 0; replica < replicas; replica++)
                {
                    context.EnvironmentVariables[$"services__{target.Name}__{endpoint.Name}__{replica}"] =
                        context.IsPublishMode ? reference.Property(EndpointProperty.Url) : reference.Url(replica);
                }
            }
        });
        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency) where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int? targetPort = null, string name = "http")
        where T : Resource
    {
        if (builder.Resource.Endpoints.FirstOrDefault(e => e.Name == name) is { } existing)
        {
            existing.Port = port ?? existing.Port;
            existing.TargetPort = targetPort ?? existing.TargetPort;
        }
        else
        {
            builder.Resource.Endpoints.Add(new EndpointAnnotation(name, "http", "http", targetPort, port));
        }
        return builder;
    }

    /// <summary>A cleartext HTTP/2 endpoint named "grpc" (h2c: Kubernetes needs no TLS inside the cluster).</summary>
    public static IResourceBuilder<T> WithGrpcEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, int targetPort = 8081) where T : Resource
    {
        builder.WithHttpEndpoint(port, targetPort, "grpc");
        builder.Resource.Endpoints.Single(e => e.Name == "grpc").Transport = "http2";
        return builder;
    }

    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder) where T : Resource
    {
        foreach (var endpoint in builder.Resource.Endpoints.Where(e => e.Scheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }
        return builder;
    }

    /// <summary>Runs several instances; each gets its own port and callers are given every address.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }
}
