using Assemblee.AppHost.LocalServers;

namespace Assemblee.AppHost.Extensions;

/// <summary>A PostgreSQL server that hands out one database per service.</summary>
public sealed class DatabaseServer(Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
{
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => addDatabase(name);
}

/// <summary>
/// The servers every service needs. Run mode starts them as local processes (<see cref="LocalServerExtensions"/>);
/// publish mode declares Aspire's official resources, so the deployment manifest keeps their container images.
/// </summary>
public static class InfrastructureExtensions
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDistributedApplicationBuilder, LocalState> States = [];

    public static DatabaseServer AddDatabaseServer(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            var postgres = builder.AddPostgres(name);
            return new DatabaseServer(database => postgres.AddDatabase(database));
        }
        var local = builder.AddLocalPostgres(name, State(builder));
        return new DatabaseServer(database => local.AddDatabase(database));
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddCache(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsPublishMode ? builder.AddRedis(name) : builder.AddLocalRedis(name, State(builder));

    public static IResourceBuilder<IResourceWithConnectionString> AddMessageBroker(this IDistributedApplicationBuilder builder,
        string name) =>
        builder.ExecutionContext.IsPublishMode ? builder.AddRabbitMQ(name) : builder.AddLocalRabbitMQ(name, State(builder));

    /// <summary>
    /// The SMTP server mail goes out through: in run mode a local server that keeps what it receives; once deployed, the
    /// city's mail relay, given as the connection string "mail" (Endpoint=smtp://host:port).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMailServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsPublishMode ? builder.AddConnectionString(name) : builder.AddLocalSmtp(name, State(builder));

    /// <summary>
    /// The SMS provider's API: in run mode a local stand-in that speaks it and keeps what it receives (the provider is outside
    /// the city's walls); once deployed, the provider, given as the connection string "sms"
    /// (Endpoint=https://api.twilio.com;AccountSid=…;AuthToken=…;From=…).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddSmsProvider(this IDistributedApplicationBuilder builder,
        string name) =>
        builder.ExecutionContext.IsPublishMode ? builder.AddConnectionString(name) : builder.AddLocalSms(name, State(builder));

    /// <summary>Where run mode keeps the servers' data: a folder per run unless LocalState:Directory names one.</summary>
    private static LocalState State(IDistributedApplicationBuilder builder) =>
        States.GetValue(builder, _ => LocalState.ForRun(builder.Configuration["LocalState:Directory"]));
}
