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
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
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

    public Task<Session> CancelAsync(string bodyId, Guid sessionId, CancellationRequest request, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
        {
            SessionRules.EnsureCancellable(session);
            var reason = request.Reason.Trim();
            await SessionStore.SetStateAsync(transaction, session.Id, SessionStates.Cancelled, cancellationToken);
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "cancelled", new { reason }, cancellationToken);
            await outbox.AddAsync(new SessionCancelled(session.BodyId, session.PromotionId, session.Id,
                session.State == SessionStates.Convened, reason, now), transaction, cancellationToken);
            return session with { State = SessionStates.Cancelled };
        }, cancellationToken);
}
