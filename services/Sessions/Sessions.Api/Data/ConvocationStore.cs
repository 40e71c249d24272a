using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>A member's convocation to a session and their answer.</summary>
public sealed record Convocation(Guid SessionId, Guid MemberId, DateTimeOffset InvitedAt, string Answer, string? Reason,
    DateTimeOffset? AnsweredAt);

/// <summary>Invitations to sessions: one row per member and session, withdrawn (not deleted) when they no longer concern the
/// member.</summary>
public sealed class ConvocationStore(NpgsqlDataSource dataSource)
{
    /// <summary>Invites the members (again, if they had been withdrawn); returns how many were not invited before.</summary>
    public static async Task<int> InviteAsync(NpgsqlTransaction transaction, Guid sessionId, IEnumerable<Guid> memberIds,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO convocations (session_id, member_id, invited_at) SELECT $1, unnest($2::uuid[]), $3
            ON CONFLICT (session_id, member_id) DO UPDATE SET withdrawn_at = NULL WHERE convocations.withdrawn_at IS NOT NULL
            """, transaction.Connection, transaction);
        return await insert.With(sessionId, memberIds.ToArray(), now).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task WithdrawAsync(NpgsqlTransaction transaction, Guid sessionId, Guid memberId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE convocations SET withdrawn_at = $3 WHERE session_id = $1 AND member_id = $2 AND withdrawn_at IS NULL",
            transaction.Connection, transaction);
        await update.With(sessionId, memberId, now).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The session's standing convocations, by member.</summary>
    public async Task<IReadOnlyList<Convocation>> ListAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT session_id, member_id, invited_at, answer, reason, answered_at FROM convocations
            WHERE session_id = $1 AND withdrawn_at IS NULL ORDER BY member_id
            """);
        await using var reader = await command.With(sessionId).ExecuteReaderAsync(cancellationToken);
        var convocations = new List<Convocation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            convocations.Add(new Convocation(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3), reader.NullableString(4), reader.Nullable<DateTimeOffset>(5)));
        }
        return convocations;
    }

    /// <summary>Whether the member has a standing convocation to the session.</summary>
    public static async Task<bool> IsInvitedAsync(NpgsqlTransaction transaction, Guid sessionId, Guid memberId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM convocations WHERE session_id = $1 AND member_id = $2 AND withdrawn_at IS NULL)",
            transaction.Connection, transaction);
        return (bool)(await command.With(sessionId, memberId).ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records the member's answer; false when the member has no standing convocation to the session.</summary>
    public static async Task<bool> AnswerAsync(NpgsqlTransaction transaction, Guid sessionId, Guid memberId, string answer, string? reason,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE convocations SET answer = $3, reason = $4, answered_at = $5
            WHERE session_id = $1 AND member_id = $2 AND withdrawn_at IS NULL
            """, transaction.Connection, transaction);
        return await update.With(sessionId, memberId, answer, reason, now).ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
