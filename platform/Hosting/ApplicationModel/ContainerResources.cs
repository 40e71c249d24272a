using Aspire.Hosting.Orchestration;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Infrastructure deployed as a container (the manifest's container.v0) and run locally, without Docker, as a
/// process from Debian's packages.
/// </summary>
public abstract class ContainerResource(string name, string image, string password) : Resource(name), IResourceWithConnectionString
{
    public string Image { get; } = image;

    public string? Entrypoint { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public ParameterResource Password { get; internal set; } = null!;

    internal string PasswordParameterName { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public abstract ReferenceExpression ConnectionStringExpression { get; }

    internal abstract LocalServer CreateLocalServer(LocalServerContext context);
}

/// <summary>Refers to a resource's connection string: "{name.connectionString}" in the manifest.</summary>
public sealed class ConnectionStringReference(IResourceWithConnectionString resource) : IValueProvider
{
    public string ValueExpression => $"{{{resource.Name}.connectionString}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
}

public sealed class PostgresServerResource(string name) : ContainerResource(name, "docker.io/library/postgres:17.6", $"{name}-password")
{
    public const string UserName = "postgres";

    public Dictionary<string, string> Databases { get; } = [];

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");

    internal override LocalServer CreateLocalServer(LocalServerContext context) => new PostgresLocalServer(this, context);
}

public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent) : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{new ConnectionStringReference(Parent)};Database={DatabaseName}");
}

public sealed class RedisResource(string name) : ContainerResource(name, "docker.io/library/redis:7.4", $"{name}-password")
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");

    internal override LocalServer CreateLocalServer(LocalServerContext context) => new RedisLocalServer(this, context);
}

public sealed class RabbitMQServerResource(string name) : ContainerResource(name, "docker.io/library/rabbitmq:4.1", $"{name}-password")
{
    public const string UserName = "guest";

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");

    internal override LocalServer CreateLocalServer(LocalServerContext context) => new RabbitMQLocalServer(this, context);
}
