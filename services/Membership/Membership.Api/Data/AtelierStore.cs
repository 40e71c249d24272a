using Assemblee.Common.Data;
using Assemblee.Common.Rules;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

/// <summary>
/// Ateliers (working groups) and who is in which: SQL only (<see cref="Application.AtelierMembership"/> owns the changes).
/// </summary>
public sealed class AtelierStore(NpgsqlDataSource dataSource)
{
    private const string Select = """
        SELECT a.id, a.promotion_id, a.name, a.theme, a.mandate, a.capacity,
               (SELECT count(*)::int FROM atelier_members am WHERE am.atelier_id = a.id)
        FROM ateliers a JOIN promotions p ON p.id = a.promotion_id
        """;

    public async Task<Atelier> CreateAsync(Promotion promotion, AtelierRequest request, CancellationToken cancellationToken)
    {
        var atelier = new Atelier(Guid.NewGuid(), promotion.Id, request.Name.Trim(), request.Theme.Trim(), request.Mandate,
            request.Capacity, 0);
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO ateliers (id, promotion_id, name, theme, mandate, capacity) VALUES ($1, $2, $3, $4, $5, $6) "
            + "ON CONFLICT (promotion_id, name) DO NOTHING");
        if (await insert.With(atelier.Id, atelier.PromotionId, atelier.Name, atelier.Theme, atelier.Mandate,
            atelier.Capacity).ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw RuleViolation.Conflict("atelier-exists", "Atelier exists",
                $"The promotion already has an atelier named '{atelier.Name}'.");
        }
        return atelier;
    }

    public async Task<IReadOnlyList<Atelier>> ListAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND a.promotion_id = $2 ORDER BY a.name");
        return await ReadAsync(command.With(bodyId, promotionId), cancellationToken);
    }

    public async Task<Atelier?> FindAsync(string bodyId, Guid atelierId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND a.id = $2");
        return (await ReadAsync(command.With(bodyId, atelierId), cancellationToken)).SingleOrDefault();
    }

    public async Task<Atelier> RequireAsync(string bodyId, Guid atelierId, CancellationToken cancellationToken) =>
        await FindAsync(bodyId, atelierId, cancellationToken) ?? throw Unknown(bodyId, atelierId);

    public static RuleViolation Unknown(string bodyId, Guid atelierId) =>
        RuleViolation.NotFound($"Body '{bodyId}' has no atelier {atelierId}.");

    // ---- Changes, in the caller's transaction ----

    public static async Task<long> CountMembersAsync(NpgsqlTransaction transaction, Guid atelierId, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM atelier_members WHERE atelier_id = $1", transaction.Connection,
            transaction);
        return (long)(await count.With(atelierId).ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Puts the member in the atelier as a participant, out of any other.</summary>
    public static async Task JoinAsync(NpgsqlTransaction transaction, Guid memberId, Guid atelierId, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var join = new NpgsqlCommand("""
            INSERT INTO atelier_members (member_id, atelier_id, role, joined_at) VALUES ($1, $2, 'participant', $3)
            ON CONFLICT (member_id) DO UPDATE SET atelier_id = excluded.atelier_id, role = excluded.role, joined_at = excluded.joined_at
            """, transaction.Connection, transaction);
        await join.With(memberId, atelierId, at).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The atelier's promotion, its row locked until the transaction ends; null when the body has no such atelier.</summary>
    public static async Task<Guid?> LockPromotionOfAsync(NpgsqlTransaction transaction, string bodyId, Guid atelierId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.promotion_id FROM ateliers a JOIN promotions p ON p.id = a.promotion_id "
            + "WHERE p.body_id = $1 AND a.id = $2 FOR UPDATE OF a",
            transaction.Connection, transaction);
        return await command.With(bodyId, atelierId).ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>Makes the other holders of <paramref name="role"/> participants; returns who they were.</summary>
    public static async Task<IReadOnlyList<Guid>> DemoteHoldersAsync(
        NpgsqlTransaction transaction, Guid atelierId, string role, Guid newHolder, CancellationToken cancellationToken)
    {
        await using var holders = new NpgsqlCommand(
            "UPDATE atelier_members SET role = 'participant' WHERE atelier_id = $1 AND role = $2 AND member_id <> $3 RETURNING member_id",
            transaction.Connection, transaction);
        await using var reader = await holders.With(atelierId, role, newHolder).ExecuteReaderAsync(cancellationToken);
        var previous = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            previous.Add(reader.GetGuid(0));
        }
        return previous;
    }

    /// <summary>Gives the member the role; false when they are not in the atelier.</summary>
    public static async Task<bool> SetRoleAsync(NpgsqlTransaction transaction, Guid atelierId, Guid memberId, string role,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE atelier_members SET role = $3 WHERE atelier_id = $1 AND member_id = $2",
            transaction.Connection, transaction);
        return await update.With(atelierId, memberId, role).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Locks the atelier's row: concurrent choices of the same atelier then count its members one after another.</summary>
    public static async Task<(string Name, int Capacity, Guid PromotionId,
        DateTimeOffset? ChoiceClosesAt)> LockAtelierAsync(NpgsqlTransaction transaction,
        string bodyId, Guid atelierId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.name, a.capacity, a.promotion_id, p.atelier_choice_closes_at FROM ateliers a JOIN promotions p ON p.id = a.promotion_id
            WHERE p.body_id = $1 AND a.id = $2 FOR UPDATE OF a
            """, transaction.Connection, transaction);
        await using var reader = await command.With(bodyId, atelierId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetInt32(1), reader.GetGuid(2), reader.Nullable<DateTimeOffset>(3))
            : throw Unknown(bodyId, atelierId);
    }

    /// <summary>The member's state and atelier, the member locked until the transaction ends.</summary>
    public static async Task<(string State, Guid? Atelier)> LockMemberAsync(NpgsqlTransaction transaction, Guid memberId,
        Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT m.state, am.atelier_id FROM members m LEFT JOIN atelier_members am ON am.member_id = m.id
            WHERE m.id = $1 AND m.promotion_id = $2 FOR UPDATE OF m
            """, transaction.Connection, transaction);
        await using var reader = await command.With(memberId, promotionId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.Nullable<Guid>(1))
            : throw RuleViolation.NotFound($"Member {memberId} is not in this atelier's promotion.");
    }

    private static async Task<IReadOnlyList<Atelier>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ateliers = new List<Atelier>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ateliers.Add(new Atelier(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6)));
        }
        return ateliers;
    }
}
