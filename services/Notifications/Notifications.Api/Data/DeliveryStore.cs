using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Data;

/// <summary>An e-mail due to be sent, locked for this sender until its transaction ends.</summary>
public sealed record DueEmail(Guid Id, Guid CampaignId, string BodyId, string Kind, string Recipient, int Attempts, EmailMessage Email);

public static class DeliveryStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> queued e-mails whose time has come, oldest first, locked (SKIP LOCKED: another sender
    /// takes the next ones, never the same).
    /// </summary>
    public static async Task<List<DueEmail>> LockDueEmailsAsync(NpgsqlTransaction transaction, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT m.id, m.campaign_id, c.body_id, c.kind, m.recipient, m.attempts, m.content::text
            FROM messages m JOIN campaigns c ON c.id = m.campaign_id
            WHERE m.state = 'queued' AND m.channel = 'email' AND m.next_attempt_at <= now() AND m.content IS NOT NULL
            ORDER BY m.next_attempt_at, m.sequence LIMIT $1 FOR UPDATE OF m SKIP LOCKED
            """, transaction.Connection, transaction);
        return await command.With(limit).ListAsync(reader => new DueEmail(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
            reader.GetString(3), reader.GetString(4), reader.GetInt32(5), JsonSerializer.Deserialize<EmailMessage>(reader.GetString(6))!),
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
