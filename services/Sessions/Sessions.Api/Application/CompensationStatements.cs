using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sessions;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>
/// Members' monthly statements: drafts computed from attendance and rates, approved by the secretariat once per member and
/// month (CompensationStatementApproved), never rewritten afterwards.
/// </summary>
public sealed class CompensationStatements(
    NpgsqlDataSource dataSource, CompensationStore store, Outbox outbox, PersonalDataLog log, TimeProvider time)
{
    public async Task<CompensationRate> AddRateAsync(string bodyId, RateRequest request, string actor, CancellationToken cancellationToken)
    {
        var rate = request.ToRate(Guid.NewGuid(), bodyId);
        await store.InsertRateAsync(rate, actor, time.GetUtcNow(), cancellationToken);
        return rate;
    }

    /// <summary>
    /// The month's statements, only <paramref name="memberId"/>'s when given: those approved, and drafts for the members with
    /// something due and not yet approved. What members are paid is personal data: the read is logged with its purpose.
    /// </summary>
    public async Task<IReadOnlyList<Statement>> ReadAsync(string bodyId, DateOnly month, Guid? memberId, string actor, string purpose,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var statements = (await ComputeAsync(transaction, bodyId, month, cancellationToken))
            .Where(statement => memberId is null || statement.MemberId == memberId).ToList();
        await log.WriteAsync(new PersonalDataAccess(bodyId, "compensation", actor, purpose, statements.Count), transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return statements;
    }

    /// <summary>Approves the month's drafts; members already approved keep their statement. Returns the month's statements.</summary>
    public async Task<IReadOnlyList<Statement>> ApproveAsync(string bodyId, DateOnly month, string actor,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (month > CompensationRules.MonthOf(now))
        {
            throw RuleViolation.Conflict("month-not-begun", "Month not begun", $"{month:yyyy-MM} has not begun.");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two approvals of a body never compute from the same payments.
        await AdvisoryLock.TakeAsync(transaction, $"compensation:{bodyId}", cancellationToken);
        var statements = new List<Statement>();
        foreach (var statement in await ComputeAsync(transaction, bodyId, month, cancellationToken))
        {
            if (statement.State == StatementStates.Approved)
            {
                statements.Add(statement);
                continue;
            }
            var approved = statement with { Id = Guid.NewGuid(), State = StatementStates.Approved, ApprovedAt = now, ApprovedBy = actor };
            await CompensationStore.InsertApprovedAsync(transaction, approved, cancellationToken);
            await outbox.AddAsync(new CompensationStatementApproved(bodyId, approved.Id!.Value, approved.MemberId, month, approved.Total,
                now), transaction, cancellationToken);
            statements.Add(approved);
        }
        await transaction.CommitAsync(cancellationToken);
        return statements;
    }

    private async Task<IReadOnlyList<Statement>> ComputeAsync(NpgsqlTransaction transaction, string bodyId, DateOnly month,
        CancellationToken cancellationToken)
    {
        var rates = await store.RatesAsync(bodyId, cancellationToken);
        var attended = await CompensationStore.AttendedAsync(transaction, bodyId, CompensationRules.EndOf(month), cancellationToken);
        var paid = await CompensationStore.PaidAsync(transaction, bodyId, cancellationToken);
        var approved = await CompensationStore.ApprovedAsync(transaction, bodyId, cancellationToken);
        var approvedNow = approved.Where(statement => statement.Month == month).ToList();
        var drafts = attended.Select(a => a.MemberId).Union(paid.Select(p => p.MemberId))
            .Except(approvedNow.Select(statement => statement.MemberId))
            .Select(member => CompensationRules.Draft(bodyId, member, month, [.. attended.Where(a => a.MemberId == member)],
                [.. paid.Where(p => p.MemberId == member)],
                approved.Where(s => s.MemberId == member).Select(s => s.Month).ToHashSet(), rates))
            .Where(draft => draft.Lines.Count > 0);
        return [.. approvedNow.Concat(drafts).OrderBy(statement => statement.MemberId)];
    }
}
