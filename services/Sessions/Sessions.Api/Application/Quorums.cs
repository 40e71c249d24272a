using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>Each body's quorum rule, and a session's quorum evaluated live: the active members it concerns and those in the room.</summary>
public sealed class Quorums(NpgsqlDataSource dataSource, SessionTransactions transactions, TimeProvider time)
{
    public async Task<QuorumRule> RuleAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return await QuorumStore.GetAsync(transaction, bodyId, cancellationToken);
    }

    public async Task SetRuleAsync(string bodyId, QuorumRule rule, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await QuorumStore.SetAsync(transaction, bodyId, rule, actor, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<QuorumState> OfSessionAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: true, (transaction, session, now) =>
            EvaluateAsync(transaction, session, now, cancellationToken), cancellationToken);

    public static async Task<QuorumState> EvaluateAsync(NpgsqlTransaction transaction, Session session, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var rule = await QuorumStore.GetAsync(transaction, session.BodyId, cancellationToken);
        var active = (await RosterStore.ActiveAsync(transaction, session.PromotionId, cancellationToken))
            .Where(member => SessionRules.Concerns(session, member)).Select(member => member.Id).ToHashSet();
        var present = (await AttendanceStore.ListAsync(transaction, session.Id, cancellationToken))
            .Count(record => active.Contains(record.MemberId) && AttendanceRules.InRoom(record, now));
        return rule.Evaluate(active.Count, present);
    }
}
