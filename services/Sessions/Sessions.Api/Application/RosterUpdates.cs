using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>
/// Membership's events change who sessions concern: a member who becomes active is invited to the convened sessions
/// that have not started; one who leaves, or moves to another atelier, is withdrawn from those no longer theirs. Runs in
/// the consumer's transaction, with its inbox row, so a redelivered event changes nothing.
/// </summary>
public sealed class RosterUpdates(TimeProvider time)
{
    public Task ActivateAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid memberId,
        CancellationToken cancellationToken) =>
        ChangeAsync(transaction, bodyId, promotionId, memberId,
            member => member.State == RosterMember.Left ? member : member with { State = RosterMember.Active }, cancellationToken);

    /// <summary>A member who leaves is withdrawn from upcoming sessions, and their private calendar link stops working.</summary>
    public async Task LeaveAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid memberId,
        CancellationToken cancellationToken)
    {
        await ChangeAsync(transaction, bodyId, promotionId, memberId, member => member with { State = RosterMember.Left },
            cancellationToken);
        await CalendarFeedStore.DeleteAsync(transaction, bodyId, memberId, cancellationToken);
    }

    public Task JoinAtelierAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid memberId, Guid atelierId,
        CancellationToken cancellationToken) =>
        ChangeAsync(transaction, bodyId, promotionId, memberId, member => member with { AtelierId = atelierId }, cancellationToken);

    private async Task ChangeAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId, Guid memberId,
        Func<RosterMember, RosterMember> change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The promotion's roster, then its sessions, then the member: the order every roster change and every convocation takes,
        // so that none can deadlock with another, and the sessions are read once no convocation of the promotion is under way.
        await RosterStore.LockPromotionAsync(transaction, promotionId, cancellationToken);
        var upcoming = await SessionStore.LockUpcomingAsync(transaction, promotionId, now, cancellationToken);
        var member = change(await RosterStore.LockAsync(transaction, bodyId, promotionId, memberId, now, cancellationToken));
        await RosterStore.SaveAsync(transaction, member, now, cancellationToken);
        foreach (var session in upcoming.Where(session => SessionRules.InvitationsOpen(session, now)))
        {
            if (SessionRules.Concerns(session, member))
            {
                await ConvocationStore.InviteAsync(transaction, session.Id, [member.Id], now, cancellationToken);
            }
            else
            {
                await ConvocationStore.WithdrawAsync(transaction, session.Id, member.Id, now, cancellationToken);
            }
        }
    }
}
