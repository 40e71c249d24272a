using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>Members' private calendar subscriptions, by the hash of their secret token.</summary>
public sealed class CalendarFeedStore(NpgsqlDataSource dataSource)
{
    /// <summary>Sets the member's subscription, replacing (and so revoking) the previous one.</summary>
    public async Task SetAsync(string bodyId, Guid memberId, byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var upsert = dataSource.CreateCommand("""
            INSERT INTO calendar_feeds (body_id, member_id, token_hash, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (body_id, member_id) DO UPDATE SET token_hash = $3, created_at = $4
            """);
        await upsert.With(bodyId, memberId, tokenHash, now).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Revokes the member's subscription; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var delete = dataSource.CreateCommand("DELETE FROM calendar_feeds WHERE body_id = $1 AND member_id = $2");
        return await delete.With(bodyId, memberId).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Revokes the member's subscription within a transaction (a member who leaves).</summary>
    public static async Task DeleteAsync(NpgsqlTransaction transaction, string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM calendar_feeds WHERE body_id = $1 AND member_id = $2",
            transaction.Connection, transaction);
        await delete.With(bodyId, memberId).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whose subscription the token opens, if any.</summary>
    public async Task<Guid?> MemberAsync(string bodyId, byte[] tokenHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT member_id FROM calendar_feeds WHERE body_id = $1 AND token_hash = $2");
        return await command.With(bodyId, tokenHash).ExecuteScalarAsync(cancellationToken) as Guid?;
    }
}
