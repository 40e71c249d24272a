using Assemblee.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Assemblee.Common.Messaging;

public static class EventBusExtensions
{
    /// <summary>
    /// MassTransit on the RabbitMQ named by ConnectionStrings:{connectionName} (amqp://user:password@host:port),
    /// with the outbox dispatcher and queues prefixed by <paramref name="queuePrefix"/> (the service) so each service gets
    /// its own copy of an event.
    /// </summary>
    public static IHostApplicationBuilder AddEventBus(
        this IHostApplicationBuilder builder, string connectionName, string queuePrefix,
            Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        var broker = new Uri(connectionString);

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports its configuration to its makers five minutes after start unless told not to: the city's
            // services send nothing outside its walls, and a closed network would log a failed report from every service.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(queuePrefix, includeNamespace: false));
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.MessageTopology.SetEntityNameFormatter(new WireNameFormatter(rabbit.MessageTopology.EntityNameFormatter));
                rabbit.Host(broker.Host, (ushort)broker.Port, "/", host =>
                {
                    var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
                    host.Username(credentials[0]);
                    host.Password(credentials.ElementAtOrDefault(1) ?? "");
                });
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10),
                    TimeSpan.FromMilliseconds(200)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}

/// <summary>Names each event's exchange after its wire name (<see cref="EventAttribute"/>), not its CLR type.</summary>
internal sealed class WireNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
{
    public string FormatEntityName<T>() =>
        typeof(T).GetCustomAttributes(typeof(EventAttribute), false) is [EventAttribute wire] ? wire.Name : fallback.FormatEntityName<T>();
}
