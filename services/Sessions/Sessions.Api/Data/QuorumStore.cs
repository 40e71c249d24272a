using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>Each body's quorum rule.</summary>
public static class QuorumStore
{
    public static async Task<QuorumRule> GetAsync(NpgsqlTransaction transaction, string bodyId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT percent FROM quorum_rules WHERE body_id = $1", transaction.Connection,
            transaction);
        return await command.With(bodyId).ExecuteScalarAsync(cancellationToken) is int percent
            ? new QuorumRule(percent)
            : QuorumRule.Default;
    }

    public static async Task SetAsync(NpgsqlTransaction transaction, string bodyId, QuorumRule rule, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO quorum_rules (body_id, percent, changed_by, changed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (body_id) DO UPDATE SET percent = $2, changed_by = $3, changed_at = $4
            """, transaction.Connection, transaction);
        await upsert.With(bodyId, rule.Percent, actor, now).ExecuteNonQueryAsync(cancellationToken);
    }
}
