using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Application;

/// <summary>
/// Who is in which atelier, and with which role. A choice locks the atelier's row, so capacity holds under concurrent
/// choices; every change writes the member's history and MemberJoinedGroup in the same transaction.
/// </summary>
public sealed class AtelierMembership(NpgsqlDataSource dataSource, AtelierStore ateliers, Outbox outbox, TimeProvider time)
{
    /// <summary>An active member joins an atelier, leaving the previous one (<see cref="AtelierChoice"/> says when).</summary>
    public async Task<Atelier> JoinAsync(string bodyId, Guid atelierId, Guid memberId, string actor, bool bySecretariat,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (name, capacity, promotionId, closesAt) = await AtelierStore.LockAtelierAsync(transaction, bodyId, atelierId,
            cancellationToken);
        var (state, previous) = await AtelierStore.LockMemberAsync(transaction, memberId, promotionId, cancellationToken);
        var now = time.GetUtcNow();
        var members = await AtelierStore.CountMembersAsync(transaction, atelierId, cancellationToken);
        if (AtelierChoice.EnsureCanJoin(state, previous, atelierId, name, (int)members, capacity, closesAt, bySecretariat, now))
        {
            await AtelierStore.JoinAsync(transaction, memberId, atelierId, now, cancellationToken);
            await MemberHistory.AddAsync(transaction, memberId, actor, "joined-atelier",
                new { atelierId, atelier = name, previousAtelierId = previous, role = AtelierRoles.Participant }, cancellationToken);
            await outbox.AddAsync(new MemberJoinedGroup(bodyId, promotionId, memberId, atelierId, AtelierRoles.Participant, previous,
                now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return (await ateliers.FindAsync(bodyId, atelierId, cancellationToken))!;
    }

    /// <summary>
    /// Gives a member of the atelier a role; the spokesperson and the rapporteur are one each, so the previous holder becomes a
    /// participant.
    /// </summary>
    public async Task SetRoleAsync(string bodyId, Guid atelierId, Guid memberId, string role, string actor,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var promotionId = await AtelierStore.LockPromotionOfAsync(transaction, bodyId, atelierId, cancellationToken)
            ?? throw AtelierStore.Unknown(bodyId, atelierId);
        var now = time.GetUtcNow();
        if (role != AtelierRoles.Participant)
        {
            foreach (var holder in await AtelierStore.DemoteHoldersAsync(transaction, atelierId, role, memberId, cancellationToken))
            {
                await RoleChangedAsync(transaction, bodyId, promotionId, atelierId, holder, AtelierRoles.Participant, actor, now,
                    cancellationToken);
            }
        }
        if (!await AtelierStore.SetRoleAsync(transaction, atelierId, memberId, role, cancellationToken))
        {
            throw RuleViolation.Conflict("not-in-this-atelier", "Not in this atelier",
                "Only a member of the atelier can hold a role in it.");
        }
        await RoleChangedAsync(transaction, bodyId, promotionId, atelierId, memberId, role, actor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RoleChangedAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid atelierId, Guid memberId,
        string role, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await MemberHistory.AddAsync(transaction, memberId, actor, "atelier-role", new { atelierId, role }, cancellationToken);
        await outbox.AddAsync(new MemberJoinedGroup(bodyId, promotionId, memberId, atelierId, role, atelierId, now), transaction,
            cancellationToken);
    }
}
