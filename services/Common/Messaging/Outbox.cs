using System.Diagnostics;
using System.Text.Json;
using Assemblee.Contracts;
using Npgsql;

namespace Assemblee.Common.Messaging;

/// <summary>Writes an event in the caller's transaction; the dispatcher publishes it once that transaction commits.</summary>
public sealed class Outbox(OutboxSignal signal)
{
    public async Task AddAsync<TEvent>(TEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
        where TEvent : class
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO outbox_messages (id, message_type, body, trace_parent) VALUES ($1, $2, $3::jsonb, $4)", transaction.Connection,
                transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = EventAttribute.NameOf(typeof(TEvent)) });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(message, MessageTypes.Json) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)Activity.Current?.Id ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
        // The row is only visible after commit; the dispatcher polls as well, so an early wake-up loses nothing.
        signal.Wake();
    }
}

/// <summary>Wakes the dispatcher as soon as an event is written, so delivery does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

internal static class MessageTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Traces the publication of outbox rows, as children of the request that wrote them.</summary>
    public static readonly ActivitySource Tracing = new("Assemblee.Outbox");

    public static Type Resolve(string name) => EventAttribute.All.TryGetValue(name, out var type)
        ? type
        : throw new InvalidOperationException($"Unknown event '{name}'.");
}
