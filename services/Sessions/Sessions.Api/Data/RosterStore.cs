using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>The read model of members built from membership's events: who is active, in which promotion and atelier.</summary>
public static class RosterStore
{
    /// <summary>
    /// The promotion's roster, locked until the transaction ends (a PostgreSQL advisory lock: no row stands for a promotion).
    /// A roster change takes it before it reads the upcoming sessions; a convocation before it locks its session. Locking the
    /// upcoming sessions alone left a gap: a change that looked for sessions before the one being convened was planned, and saved
    /// its member after the convocation had read the roster, invited that member to neither. Taking this lock after the sessions
    /// left it too: a change that read the sessions, then waited here while one was planned and convened, missed it.
    /// </summary>
    public static async Task LockPromotionAsync(NpgsqlTransaction transaction, Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))",
            transaction.Connection, transaction);
        await command.With(promotionId).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The member, locked until the transaction ends; created as pending when first heard of.</summary>
    public static async Task<RosterMember> LockAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid memberId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO members (id, body_id, promotion_id, state, changed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING
            """, transaction.Connection, transaction))
        {
            await insert.With(memberId, bodyId, promotionId, RosterMember.Pending, now).ExecuteNonQueryAsync(cancellationToken);
        }
        await using var find = new NpgsqlCommand("SELECT id, promotion_id, atelier_id, state FROM members WHERE id = $1 FOR UPDATE",
            transaction.Connection, transaction);
        await using var reader = await find.With(memberId).ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RosterMember(reader.GetGuid(0), reader.GetGuid(1), reader.Nullable<Guid>(2), reader.GetString(3));
    }

    public static async Task SaveAsync(NpgsqlTransaction transaction, RosterMember member, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE members SET atelier_id = $2, state = $3, changed_at = $4 WHERE id = $1",
            transaction.Connection, transaction);
        await update.With(member.Id, member.AtelierId, member.State, now).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<RosterMember?> FindAsync(NpgsqlTransaction transaction, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, promotion_id, atelier_id, state FROM members WHERE id = $1",
            transaction.Connection, transaction);
        await using var reader = await command.With(memberId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RosterMember(reader.GetGuid(0), reader.GetGuid(1), reader.Nullable<Guid>(2), reader.GetString(3))
            : null;
    }

    /// <summary>The promotion's active members.</summary>
    public static async Task<IReadOnlyList<RosterMember>> ActiveAsync(NpgsqlTransaction transaction, Guid promotionId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, promotion_id, atelier_id, state FROM members WHERE promotion_id = $1 AND state = $2",
            transaction.Connection, transaction);
        await using var reader = await command.With(promotionId, RosterMember.Active).ExecuteReaderAsync(cancellationToken);
        var members = new List<RosterMember>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new RosterMember(reader.GetGuid(0), reader.GetGuid(1), reader.Nullable<Guid>(2), reader.GetString(3)));
        }
        return members;
    }
}
