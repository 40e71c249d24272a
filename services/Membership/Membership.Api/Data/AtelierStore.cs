using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

/// <summary>Ateliers (working groups) and who is in which. Choices lock the atelier's row, so capacity holds under concurrency.</summary>
public sealed class AtelierStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    private const string Select = """
        SELECT a.id, a.promotion_id, a.name, a.theme, a.mandate, a.capacity, (SELECT count(*)::int FROM atelier_members am WHERE am.atelier_id = a.id)
        FROM ateliers a JOIN promotions p ON p.id = a.promotion_id
        """;

    public async Task<Atelier> CreateAsync(Promotion promotion, AtelierRequest request, CancellationToken cancellationToken)
    {
        var atelier = new Atelier(Guid.NewGuid(), promotion.Id, request.Name.Trim(), request.Theme.Trim(), request.Mandate, request.Capacity, 0);
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO ateliers (id, promotion_id, name, theme, mandate, capacity) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (promotion_id, name) DO NOTHING");
        if (await insert.With(atelier.Id, atelier.PromotionId, atelier.Name, atelier.Theme, atelier.Mandate, atelier.Capacity).ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw RuleViolation.Conflict("Atelier exists", $"The promotion already has an atelier named '{atelier.Name}'.");
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

    /// <summary>
    /// An active member joins an atelier, leaving the previous one. Members choose while the promotion's choice is
    /// open; the secretariat may move members at any time. A full atelier refuses.
    /// </summary>
    public async Task<Atelier> JoinAsync(string bodyId, Guid atelierId, Guid memberId, string actor, bool bySecretariat, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (name, capacity, promotionId, closesAt) = await LockAtelierAsync(transaction, bodyId, atelierId, cancellationToken);
        var (state, previous) = await MemberAsync(transaction, memberId, promotionId, cancellationToken);
        if (state != MemberStates.Active)
        {
            throw RuleViolation.Conflict("Not an active member", $"Only active members of this promotion join its ateliers; this one is {state}.");
        }
        if (previous == atelierId)
        {
            return (await FindAsync(bodyId, atelierId, cancellationToken))!;
        }
        if (!bySecretariat && closesAt is { } closes && time.GetUtcNow() >= closes)
        {
            throw RuleViolation.Conflict("Choice closed", $"Members chose their atelier until {closes:u}; ask the secretariat to move you.");
        }
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM atelier_members WHERE atelier_id = $1", connection, transaction))
        {
            if ((long)(await count.With(atelierId).ExecuteScalarAsync(cancellationToken))! >= capacity)
            {
                throw RuleViolation.Conflict("Atelier full", $"'{name}' has its {capacity} members; choose another atelier.");
            }
        }
        var now = time.GetUtcNow();
        await using (var join = new NpgsqlCommand("""
            INSERT INTO atelier_members (member_id, atelier_id, role, joined_at) VALUES ($1, $2, 'participant', $3)
            ON CONFLICT (member_id) DO UPDATE SET atelier_id = excluded.atelier_id, role = excluded.role, joined_at = excluded.joined_at
            """, connection, transaction))
        {
            await join.With(memberId, atelierId, now).ExecuteNonQueryAsync(cancellationToken);
        }
        await MemberHistory.AddAsync(transaction, memberId, actor, "joined-atelier",
            new { atelierId, atelier = name, previousAtelierId = previous, role = AtelierRoles.Participant }, cancellationToken);
        await outbox.AddAsync(new MemberJoinedGroup(bodyId, promotionId, memberId, atelierId, AtelierRoles.Participant, previous, now), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(bodyId, atelierId, cancellationToken))!;
    }

    /// <summary>Gives a member of the atelier a role; the spokesperson and the rapporteur are one each, so the previous holder becomes a participant.</summary>
    public async Task SetRoleAsync(string bodyId, Guid atelierId, Guid memberId, string role, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockAtelier = new NpgsqlCommand(
            "SELECT a.promotion_id FROM ateliers a JOIN promotions p ON p.id = a.promotion_id WHERE p.body_id = $1 AND a.id = $2 FOR UPDATE OF a", connection, transaction))
        {
            if (await lockAtelier.With(bodyId, atelierId).ExecuteScalarAsync(cancellationToken) is not Guid promotionId)
            {
                throw RuleViolation.NotFound($"Body '{bodyId}' has no atelier {atelierId}.");
            }
            var now = time.GetUtcNow();
            if (role != AtelierRoles.Participant)
            {
                await using var holders = new NpgsqlCommand(
                    "UPDATE atelier_members SET role = 'participant' WHERE atelier_id = $1 AND role = $2 AND member_id <> $3 RETURNING member_id", connection, transaction);
                await using var reader = await holders.With(atelierId, role, memberId).ExecuteReaderAsync(cancellationToken);
                var previousHolders = new List<Guid>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    previousHolders.Add(reader.GetGuid(0));
                }
                await reader.DisposeAsync();
                foreach (var holder in previousHolders)
                {
                    await RoleChangedAsync(transaction, bodyId, promotionId, atelierId, holder, AtelierRoles.Participant, actor, now, cancellationToken);
                }
            }
            await using var update = new NpgsqlCommand("UPDATE atelier_members SET role = $3 WHERE atelier_id = $1 AND member_id = $2", connection, transaction);
            if (await update.With(atelierId, memberId, role).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw RuleViolation.Conflict("Not in this atelier", "Only a member of the atelier can hold a role in it.");
            }
            await RoleChangedAsync(transaction, bodyId, promotionId, atelierId, memberId, role, actor, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RoleChangedAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid atelierId, Guid memberId, string role, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await MemberHistory.AddAsync(transaction, memberId, actor, "atelier-role", new { atelierId, role }, cancellationToken);
        await outbox.AddAsync(new MemberJoinedGroup(bodyId, promotionId, memberId, atelierId, role, atelierId, now), transaction, cancellationToken);
    }

    /// <summary>Locks the atelier's row: concurrent choices of the same atelier then count its members one after another.</summary>
    private static async Task<(string Name, int Capacity, Guid PromotionId, DateTimeOffset? ChoiceClosesAt)> LockAtelierAsync(NpgsqlTransaction transaction,
        string bodyId, Guid atelierId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.name, a.capacity, a.promotion_id, p.atelier_choice_closes_at FROM ateliers a JOIN promotions p ON p.id = a.promotion_id
            WHERE p.body_id = $1 AND a.id = $2 FOR UPDATE OF a
            """, transaction.Connection, transaction);
        await using var reader = await command.With(bodyId, atelierId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetInt32(1), reader.GetGuid(2), reader.Nullable<DateTimeOffset>(3))
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no atelier {atelierId}.");
    }

    private static async Task<(string State, Guid? Atelier)> MemberAsync(NpgsqlTransaction transaction, Guid memberId, Guid promotionId, CancellationToken cancellationToken)
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
            ateliers.Add(new Atelier(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6)));
        }
        return ateliers;
    }
}
