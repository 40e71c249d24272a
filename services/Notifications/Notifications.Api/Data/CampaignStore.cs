using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Data;

public sealed class CampaignStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        c.id, c.body_id, c.kind, c.source_key, c.title, c.parameters::text, c.language, c.template_version, c.state, c.refusal,
        c.expected, c.created_at, c.ready_at, c.due_at
        """;

    /// <summary>Writes the campaign unless its event already opened one; false then.</summary>
    public static async Task<bool> AddAsync(NpgsqlTransaction transaction, Campaign campaign, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO campaigns (id, body_id, kind, source_key, title, parameters, language, template_version, state, refusal,
                due_at)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) ON CONFLICT (source_key) DO NOTHING
            """, transaction.Connection, transaction);
        return await command.With(campaign.Id, campaign.BodyId, campaign.Kind, campaign.SourceKey, campaign.Title,
            JsonSerializer.Serialize(campaign.Parameters), campaign.Language, campaign.TemplateVersion, campaign.State,
            campaign.Refusal, campaign.DueAt).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<Campaign>> PreparingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM campaigns c
            WHERE c.state = 'preparing' AND (c.due_at IS NULL OR c.due_at <= now()) ORDER BY c.created_at
            """);
        return await command.ListAsync(Read, cancellationToken);
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM campaigns c WHERE c.body_id = $1 ORDER BY c.created_at DESC LIMIT 200");
        return await command.With(bodyId).ListAsync(Read, cancellationToken);
    }

    public async Task<Campaign?> FindAsync(string bodyId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaigns c WHERE c.body_id = $1 AND c.id = $2");
        return (await command.With(bodyId, id).ListAsync(Read, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Every message is written: the campaign is ready with <paramref name="expected"/> messages.</summary>
    public static async Task MarkReadyAsync(NpgsqlTransaction transaction, Guid id, int expected, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE campaigns SET state = 'ready', expected = $2, ready_at = clock_timestamp() WHERE id = $1 AND state = 'preparing'",
            transaction.Connection, transaction);
        await command.With(id, expected).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A campaign not yet prepared is given up, saying why.</summary>
    public async Task WithdrawAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE campaigns SET state = 'withdrawn', refusal = $2, ready_at = clock_timestamp() WHERE id = $1 AND state = 'preparing'");
        await command.With(id, reason).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The session's reminders not yet prepared are given up, in the transaction of the event that voids them.</summary>
    public static async Task WithdrawRemindersAsync(NpgsqlTransaction transaction, Guid sessionId, string reason,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE campaigns SET state = 'withdrawn', refusal = $2, ready_at = clock_timestamp()
            WHERE starts_with(source_key, $1) AND state = 'preparing'
            """, transaction.Connection, transaction);
        await command.With(Reminders.SourceKeyOf(sessionId), reason).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The campaign's messages by state (queued, sent, failed, bounced), each state present even at zero.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT state, count(*)::int FROM messages WHERE campaign_id = $1 GROUP BY state");
        var counts = MessageStates.All.ToDictionary(state => state, _ => 0);
        foreach (var (state, count) in await command.With(id).ListAsync(reader => (reader.GetString(0), reader.GetInt32(1)),
            cancellationToken))
        {
            counts[state] = count;
        }
        return counts;
    }

    private static Campaign Read(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
        reader.GetString(3), reader.GetString(4), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5))!,
        reader.GetString(6), reader.GetInt32(7), reader.GetString(8), reader.NullableString(9), reader.Nullable<int>(10),
        reader.GetFieldValue<DateTimeOffset>(11), reader.Nullable<DateTimeOffset>(12), reader.Nullable<DateTimeOffset>(13));
}
