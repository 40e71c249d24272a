using System.Text.Json;
using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Notifications.Data;

/// <summary>A message due to be sent, locked for this sender until its transaction ends; its content as the ledger keeps it.</summary>
public sealed record DueMessage(Guid Id, Guid CampaignId, string BodyId, string Kind, string Channel, string Recipient, int Attempts,
    string ContentJson)
{
    public T Content<T>() => JsonSerializer.Deserialize<T>(ContentJson)!;
}

public static class DeliveryStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> queued messages of the channel whose time has come, oldest first, locked (SKIP LOCKED:
    /// another sender takes the next ones, never the same).
    /// </summary>
    public static async Task<List<DueMessage>> LockDueAsync(NpgsqlTransaction transaction, string channel, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT m.id, m.campaign_id, c.body_id, c.kind, m.channel, m.recipient, m.attempts, m.content::text
            FROM messages m JOIN campaigns c ON c.id = m.campaign_id
            WHERE m.state = 'queued' AND m.channel = $1 AND m.next_attempt_at <= now() AND m.content IS NOT NULL
            ORDER BY m.next_attempt_at, m.sequence LIMIT $2 FOR UPDATE OF m SKIP LOCKED
            """, transaction.Connection, transaction);
        return await command.With(channel, limit).ListAsync(reader => new DueMessage(reader.GetGuid(0), reader.GetGuid(1),
            reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7)),
            cancellationToken);
    }

    public static async Task MarkSentAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE messages SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1",
            transaction.Connection, transaction);
        await command.With(id).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A temporary failure: tried again after <paramref name="wait"/>.</summary>
    public static async Task PostponeAsync(NpgsqlTransaction transaction, Guid id, TimeSpan wait, string error,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE messages SET attempts = attempts + 1, next_attempt_at = now() + $2, last_error = $3 WHERE id = $1
            """, transaction.Connection, transaction);
        await command.With(id, wait, error).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>For good: failed, or bounced when the address refused it.</summary>
    public static async Task FailAsync(NpgsqlTransaction transaction, Guid id, string state, string error,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE messages SET state = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1", transaction.Connection, transaction);
        await command.With(id, state, error).ExecuteNonQueryAsync(cancellationToken);
    }
}
