using System.Text;
using System.Text.Json;
using Assemblee.Contracts;
using RabbitMQ.Client;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>A published event as the tap received it: its exchange (wire name) and the message's payload.</summary>
internal sealed record TappedEvent(string WireName, JsonElement Message)
{
    /// <summary>Every string value of the payload, unescaped, however deep.</summary>
    public IEnumerable<string> Strings() => StringsOf(Message);

    private static IEnumerable<string> StringsOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => StringsOf(property.Value).Prepend(property.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsOf),
        _ => [],
    };
}

/// <summary>
/// Listens on the real RabbitMQ to every event of the contracts: an exclusive queue bound to each event's exchange
/// receives a copy of what the services publish, as any consumer would.
/// </summary>
internal sealed class BrokerTap(IConnection connection, IChannel channel, string queue) : IAsyncDisposable
{
    private readonly List<TappedEvent> _received = [];

    public static async Task<BrokerTap> OpenAsync(string connectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var wireName in EventAttribute.All.Keys)
        {
            // Declared as MassTransit declares an event's exchange, so that whichever comes first, both agree.
            await channel.ExchangeDeclareAsync(wireName, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, wireName, "");
        }
        return new BrokerTap(connection, channel, queue);
    }

    /// <summary>Everything received so far (MassTransit's envelope unwrapped to its message).</summary>
    public async Task<IReadOnlyList<TappedEvent>> ReceivedAsync()
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span));
            _received.Add(new TappedEvent(delivery.Exchange, envelope.RootElement.GetProperty("message").Clone()));
        }
        return _received;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
