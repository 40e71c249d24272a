using Aspire.Hosting.ApplicationModel;

namespace Assemblee.AppHost.LocalServers;

/// <summary>PostgreSQL from Debian's binaries, run as a local process (there is no container engine here).</summary>
public sealed class LocalPostgresResource(string name, string stateDirectory, ParameterResource password)
    : ExecutableResource(name, "/bin/sh", stateDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ParameterResource Password => password;

    internal List<LocalPostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};"
        + $"Username={UserName};Password={Password}");
}

/// <summary>A database of a <see cref="LocalPostgresResource"/>, created once the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent => parent;

    public string DatabaseName => databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

/// <summary>Redis from Debian's binaries, password-protected, without persistence.</summary>
public sealed class LocalRedisResource(string name, string stateDirectory, ParameterResource password)
    : ExecutableResource(name, "/usr/bin/redis-server", stateDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ParameterResource Password => password;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={Password}");
}

/// <summary>RabbitMQ from Debian's binaries, on its own node name, ports and Erlang port mapper.</summary>
public sealed class LocalRabbitMQResource(string name, string stateDirectory, ParameterResource password)
    : ExecutableResource(name, "/bin/sh", stateDirectory), IResourceWithConnectionString
{
    public const string UserName = "assemblee";

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ParameterResource Password => password;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://{UserName}:{Password}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}

/// <summary>
/// An SMTP server from Debian's python3-aiosmtpd, which keeps every message it receives in a Maildir (mail/new) under its
/// state folder: what developers read in run mode, and what tests read to see what was sent.
/// </summary>
public sealed class LocalSmtpResource(string name, string stateDirectory)
    : ExecutableResource(name, "/usr/bin/python3", stateDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, "smtp");

    public string Maildir => Path.Combine(WorkingDirectory, "mail");

    /// <summary>The format of Aspire's MailKit client integration: Endpoint=smtp://host:port.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint=smtp://{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}

/// <summary>
/// The stand-in for the city's SMS provider (LocalServers/sms_provider.py, Python's standard library): it speaks the
/// provider's real API, Twilio's Messages resource, and keeps each accepted message as a JSON file in <see cref="Folder"/>.
/// The provider itself is outside the city's walls; once deployed, "sms" is its connection string.
/// </summary>
public sealed class LocalSmsResource(string name, string stateDirectory, ParameterResource authToken)
    : ExecutableResource(name, "/usr/bin/python3", stateDirectory), IResourceWithConnectionString
{
    /// <summary>The stand-in's account (any SID of Twilio's shape).</summary>
    public const string AccountSid = "AC0a55e3b1ee0c17ef0000000000000000";

    public EndpointReference PrimaryEndpoint => new(this, "http");

    public ParameterResource AuthToken => authToken;

    public string Folder => Path.Combine(WorkingDirectory, "sms");

    /// <summary>Endpoint (the API's base address), account SID, auth token, and the sender the messages show.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=http://{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)};AccountSid={AccountSid};AuthToken={AuthToken}"
        + $";From=Paris");
}
