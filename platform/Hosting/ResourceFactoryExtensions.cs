using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The Add* methods of the application model.</summary>
public static class ResourceFactoryExtensions
{
    private static readonly GenerateParameterDefault Password = new() { MinLength = 22, Special = false };

    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, null, () => builder.Configuration[$"Parameters:{name}"]));

    /// <summary>A parameter generated when not configured (Parameters:{name}).</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, GenerateParameterDefault generate, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, generate, () => builder.Configuration[$"Parameters:{name}"]));

    /// <summary>The container's variables are for deployment; locally the server is initialised by PostgresLocalServer.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var postgres = builder.AddContainer(new PostgresServerResource(name), targetPort: 5432);
        return postgres.WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256")
            .WithEnvironment("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256")
            .WithEnvironment("POSTGRES_USER", PostgresServerResource.UserName)
            .WithEnvironment("POSTGRES_PASSWORD", postgres.Resource.Password);
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        builder.Resource.Databases[name] = databaseName ?? name;
        return builder.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource));
    }

    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var redis = builder.AddContainer(new RedisResource(name) { Entrypoint = "/bin/sh", Args = ["-c", "redis-server --requirepass $REDIS_PASSWORD"] }, targetPort: 6379);
        return redis.WithEnvironment("REDIS_PASSWORD", redis.Resource.Password);
    }

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name)
    {
        var rabbit = builder.AddContainer(new RabbitMQServerResource(name), targetPort: 5672);
        return rabbit.WithEnvironment("RABBITMQ_DEFAULT_USER", RabbitMQServerResource.UserName)
            .WithEnvironment("RABBITMQ_DEFAULT_PASS", rabbit.Resource.Password);
    }

    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name) where TProject : IProjectMetadata, new() =>
        builder.AddProject(name, new TProject());

    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, IProjectMetadata metadata)
    {
        var project = builder.AddResource(new ProjectResource(name, metadata)).WithHttpEndpoint(targetPort: 8080);
        project.Resource.EnvironmentCallbacks.Add(context => ConfigureHosting(project.Resource, context));
        return project;
    }

    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this IDistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args) =>
        builder.AddResource(new ExecutableResource(name, command, Path.GetFullPath(workingDirectory, builder.AppHostDirectory), args));

    private static IResourceBuilder<T> AddContainer<T>(this IDistributedApplicationBuilder builder, T container, int targetPort) where T : ContainerResource
    {
        container.Password = builder.AddParameter(container.PasswordParameterName, Password, secret: true).Resource;
        container.Endpoints.Add(new EndpointAnnotation("tcp", "tcp", "tcp", targetPort, port: null));
        return builder.AddResource(container);
    }

    /// <summary>
    /// Kestrel listens on every endpoint of the project, HTTP/2 only on gRPC ones: loopback ports when running,
    /// the target ports once deployed. Publishing adds Aspire's deployment variables.
    /// </summary>
    private static void ConfigureHosting(ProjectResource project, EnvironmentCallbackContext context)
    {
        foreach (var endpoint in project.Endpoints)
        {
            var reference = new EndpointReference(project, endpoint.Name);
            context.EnvironmentVariables[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = context.IsPublishMode
                ? ReferenceExpression.Create($"http://+:{reference.Property(EndpointProperty.TargetPort)}")
                : reference.Url(context.Replica);
            if (endpoint.Transport == "http2")
            {
                context.EnvironmentVariables[$"Kestrel__Endpoints__{endpoint.Name}__Protocols"] = ReferenceExpression.Literal("Http2");
            }
        }
        if (context.IsPublishMode)
        {
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = ReferenceExpression.Literal("true");
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = ReferenceExpression.Literal("true");
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = ReferenceExpression.Literal("in_memory");
            context.EnvironmentVariables["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = ReferenceExpression.Literal("true");
        }
    }
}
