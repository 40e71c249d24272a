using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Notifications.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Notifications.Data;

/// <summary>
/// A message to write to the ledger: its idempotency key, pseudonymous recipient, place in the campaign and content; failed
/// from the start (with the reason) when the recipient cannot be reached on the channel; not sent before
/// <paramref name="NotBefore"/> (the end of the recipient's quiet hours) when given.
/// </summary>
public sealed record NewMessage(string IdempotencyKey, string Recipient, int Sequence, string? ContentJson,
    string State = MessageStates.Queued, string? Error = null, DateTimeOffset? NotBefore = null);

/// <summary>A message as the secretariat follows it: no content, no contact details.</summary>
/// <param name="NextAttemptAt">When a queued message is sent (or tried again) at the earliest.</param>
public sealed record MessageView(
    Guid Id, string Recipient, string Channel, string State, int Sequence, int Attempts, string? LastError, DateTimeOffset? SentAt,
    DateTimeOffset NextAttemptAt);

public sealed class MessageStore(NpgsqlDataSource dataSource)
{
    /// <summary>The keys of the messages the campaign already has, so that a resumed preparation skips them.</summary>
    public async Task<HashSet<string>> KeysAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT idempotency_key FROM messages WHERE campaign_id = $1");
        return [.. await command.With(campaignId).ListAsync(reader => reader.GetString(0), cancellationToken)];
    }

    /// <summary>Writes the messages; a key already in the ledger is skipped (the message exists: nothing twice).</summary>
    public static async Task<int> AddAsync(NpgsqlTransaction transaction, Guid campaignId, string channel,
        IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO messages (id, campaign_id, idempotency_key, recipient, channel, state, sequence, content, last_error,
                                  next_attempt_at)
            SELECT id, $9, key, recipient, $10, state, sequence, content, error, coalesce(not_before, now())
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::text[], $7::text[], $8::timestamptz[])
                AS m (id, key, recipient, sequence, content, state, error, not_before)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = messages.Select(_ => Guid.CreateVersion7()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = messages.Select(message => message.IdempotencyKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = messages.Select(message => message.Recipient).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = messages.Select(message => message.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = messages.Select(message => message.ContentJson).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = messages.Select(message => message.State).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = messages.Select(message => message.Error).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = messages.Select(message => message.NotBefore?.ToUniversalTime()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        return await command.With(campaignId, channel).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> CountAsync(NpgsqlTransaction transaction, Guid campaignId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM messages WHERE campaign_id = $1", transaction.Connection,
            transaction);
        return (int)(await command.With(campaignId).ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The campaign's letters whose content is kept, in print order.</summary>
    public static async Task<List<Letter>> LettersAsync(NpgsqlTransaction transaction, Guid campaignId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT content::text FROM messages WHERE campaign_id = $1 AND channel = 'letter' AND content IS NOT NULL
            ORDER BY sequence, id
            """, transaction.Connection, transaction);
        return await command.With(campaignId).ListAsync(reader => JsonSerializer.Deserialize<Letter>(reader.GetString(0))!,
            cancellationToken);
    }

    /// <summary>One letter's content; null when the message does not exist or its content is erased.</summary>
    public async Task<Letter?> LetterAsync(Guid campaignId, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT content::text FROM messages WHERE campaign_id = $1 AND id = $2 AND channel = 'letter' AND content IS NOT NULL
            """);
        return (await command.With(campaignId, messageId).ListAsync(reader => JsonSerializer.Deserialize<Letter>(reader.GetString(0)),
            cancellationToken)).SingleOrDefault();
    }

    /// <summary>A page of the campaign's messages in campaign order, of one state when given.</summary>
    public async Task<IReadOnlyList<MessageView>> ListAsync(Guid campaignId, string? state, int after, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, recipient, channel, state, sequence, attempts, last_error, sent_at, next_attempt_at FROM messages
            WHERE campaign_id = $1 AND ($2::text IS NULL OR state = $2) AND sequence > $3 ORDER BY sequence, id LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.With(after, limit).ListAsync(reader => new MessageView(reader.GetGuid(0), reader.GetString(1),
            reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.NullableString(6),
            reader.Nullable<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)), cancellationToken);
    }

    /// <summary>The campaign's queued letters are posted: sent now. Returns each one's id and recipient.</summary>
    public static async Task<List<(Guid Id, string Recipient)>> MarkLettersSentAsync(NpgsqlTransaction transaction, Guid campaignId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE messages SET state = 'sent', sent_at = now(), attempts = attempts + 1
            WHERE campaign_id = $1 AND channel = 'letter' AND state = 'queued' RETURNING id, recipient
            """, transaction.Connection, transaction);
        return await command.With(campaignId).ListAsync(reader => (reader.GetGuid(0), reader.GetString(1)), cancellationToken);
    }
}
