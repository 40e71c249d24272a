using System.Text.Json;
using Npgsql;

namespace Assemblee.Platform.Messaging;

/// <summary>Writes an event in the caller's transaction; the dispatcher publishes it once that transaction commits.</summary>
public sealed class Outbox(OutboxSignal signal)
{
    public async Task AddAsync<TEvent>(TEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
        where TEvent : class
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, $2, $3::jsonb)", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = MessageTypes.NameOf(typeof(TEvent)) });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(message, MessageTypes.Json) });
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

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) => Type.GetType(name, throwOnError: true)!;
}
