using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sessions;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>
/// The secretariat's planning: a session is planned, convened (every active member it concerns invited once, in the
/// transaction that publishes SessionConvened) or cancelled. Each step is one transaction with its history row.
/// </summary>
public sealed class SessionPlanning(NpgsqlDataSource dataSource, SessionTransactions transactions, Outbox outbox)
{
    public async Task<Session> PlanAsync(string bodyId, Guid promotionId, SessionRequest request, string actor,
        CancellationToken cancellationToken)
    {
        var session = request.ToSession(Guid.NewGuid(), bodyId, promotionId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SessionStore.InsertAsync(transaction, session, cancellationToken);
        var planned = new { session.Kind, session.StartsAt, session.EndsAt };
        await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "planned", planned, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return session;
    }

    public Task<Session> ConveneAsync(string bodyId, Guid sessionId, string actor, CancellationToken cancellationToken) =>
        transactions.RunWithRosterAsync(bodyId, sessionId, async (transaction, session, now) =>
        {
            SessionRules.EnsureConvenable(session, now);
            var invited = (await RosterStore.ActiveAsync(transaction, session.PromotionId, cancellationToken))
                .Where(member => SessionRules.Concerns(session, member)).Select(member => member.Id).ToList();
            await ConvocationStore.InviteAsync(transaction, session.Id, invited, now, cancellationToken);
            await SessionStore.SetStateAsync(transaction, session.Id, SessionStates.Convened, cancellationToken);
            await SessionStore.SetCheckInCodeAsync(transaction, session.Id, AttendanceRules.NewCheckInCode(), cancellationToken);
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "convened", new { invited = invited.Count },
                cancellationToken);
            await outbox.AddAsync(new SessionConvened(session.BodyId, session.PromotionId, session.Id, session.AtelierId, session.Kind,
                session.Title, session.StartsAt, session.EndsAt, invited.Count, now), transaction, cancellationToken);
            return session with { State = SessionStates.Convened };
        }, cancellationToken);

    public Task<Session> CancelAsync(string bodyId, Guid sessionId, ChangeReason request, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
        {
            SessionRules.EnsureCancellable(session);
            var reason = request.Reason.Trim();
            var cancelled = session with { State = SessionStates.Cancelled, Sequence = session.Sequence + 1 };
            await SessionStore.UpdateAsync(transaction, cancelled, cancellationToken);
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "cancelled", new { reason }, cancellationToken);
            await outbox.AddAsync(new SessionCancelled(session.BodyId, session.PromotionId, session.Id, SessionRules.Announced(session),
                reason, now), transaction, cancellationToken);
            return cancelled;
        }, cancellationToken);

    /// <summary>Revises a session before it starts: moved, or its details changed; members invited are told (SessionChanged).</summary>
    public Task<Session> ReviseAsync(string bodyId, Guid sessionId, SessionRequest request, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
        {
            var revised = SessionRules.Revise(session, request, now);
            var change = SessionRules.ChangeOf(session, revised);
            await SessionStore.UpdateAsync(transaction, revised, cancellationToken);
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, change,
                new { from = new { session.StartsAt, session.EndsAt }, to = new { revised.StartsAt, revised.EndsAt } }, cancellationToken);
            if (SessionRules.Announced(session))
            {
                await PublishChangeAsync(transaction, revised, change, null, now, cancellationToken);
            }
            return revised;
        }, cancellationToken);

    /// <summary>Postpones a convened session to a date not yet known; invitations stand for when it is moved.</summary>
    public Task<Session> PostponeAsync(string bodyId, Guid sessionId, ChangeReason request, string actor,
        CancellationToken cancellationToken) =>
        ChangeStateAsync(bodyId, sessionId, SessionStates.Postponed, SessionChanges.Postponed, request.Reason.Trim(), actor,
            SessionRules.EnsurePostponable, cancellationToken);

    /// <summary>Records that a convened session took place; attendance can still be called and corrected afterwards.</summary>
    public Task<Session> HoldAsync(string bodyId, Guid sessionId, string actor, CancellationToken cancellationToken) =>
        ChangeStateAsync(bodyId, sessionId, SessionStates.Held, SessionChanges.Held, null, actor, SessionRules.EnsureHoldable,
            cancellationToken);

    private Task<Session> ChangeStateAsync(string bodyId, Guid sessionId, string state, string change, string? reason, string actor,
        Action<Session, DateTimeOffset> ensure, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
        {
            ensure(session, now);
            var changed = session with { State = state, Sequence = session.Sequence + 1 };
            await SessionStore.UpdateAsync(transaction, changed, cancellationToken);
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, change, new { reason }, cancellationToken);
            await PublishChangeAsync(transaction, changed, change, reason, now, cancellationToken);
            return changed;
        }, cancellationToken);

    private Task PublishChangeAsync(NpgsqlTransaction transaction, Session session, string change, string? reason, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        outbox.AddAsync(new SessionChanged(session.BodyId, session.PromotionId, session.Id, change, session.StartsAt, session.EndsAt,
            session.Sequence, reason, now), transaction, cancellationToken);
}
