using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.Sortition.Engine.Model;
using Npgsql;

namespace Assemblee.Sortition.Application;

/// <summary>
/// Stage 2: prepares the lottery (LEXIMIN over the respondents, rounded to M panels, committed), draws it with the
/// dice and beacon values, and designates substitutes. Each step is one transaction with its event.
/// </summary>
public sealed class FinalDraw(
    NpgsqlDataSource dataSource, DrawStore draws, Outbox outbox, TimeProvider time, ILogger<FinalDraw> logger)
{
    public async Task PrepareAsync(Guid drawId, CancellationToken cancellationToken)
    {
        var pool = await PanelStore.PoolAsync(dataSource, drawId, cancellationToken);
        var draw = await draws.FindAsync(pool.BodyId, drawId, cancellationToken)
            ?? throw new InvalidOperationException($"Draw {drawId} vanished.");
        var specification = draw.Specification;
        var problem = new SelectionProblem(specification.QuotaCategories, [.. specification.Quotas()],
            [.. pool.Respondents.Select(r => new Respondent(r.Id, [.. specification.QuotaCategories.Select(c => r.Profile[c])],
                r.Household))],
            specification.PanelSize, specification.OneOfEachHousehold);
        if (problem.Validate() is { Count: > 0 } problems)
        {
            await draws.SaveDiagnosisAsync(drawId, new { problems }, cancellationToken);
            return;
        }
        try
        {
            var result = Leximin.Select(problem);
            logger.LogInformation("Draw {DrawId}: LEXIMIN over {Pool} respondents in {Seconds:F1} s, minimum probability {Minimum:P2}",
                drawId, problem.Pool.Count, result.Elapsed.TotalSeconds, result.MinProbability);
            var record = DrawRecord.Prepare(problem, result, specification.LotteryPanels, specification.Substitutes, time.GetUtcNow(),
                specification.Title);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DrawStore.SaveRecordAsync(transaction, drawId, record, DrawStates.Prepared, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (InfeasibleQuotasException ex)
        {
            await draws.SaveDiagnosisAsync(drawId, ex.Diagnosis, cancellationToken);
        }
        catch (LeximinFailedException ex)
        {
            // Not the quotas' fault: the secretariat may prepare again, and the operators have the reason in the log.
            logger.LogError(ex, "Draw {DrawId}: LEXIMIN stopped", drawId);
            await draws.SaveDiagnosisAsync(drawId, new { failure = ex.Message }, cancellationToken);
        }
    }

    /// <summary>Draws with the values entered at the draw; null when the draw is not prepared.</summary>
    public async Task<DrawRecord?> DrawAsync(Draw draw, string dice, string beacon, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await PanelStore.LockRecordAsync(transaction, draw.Id, DrawStates.Prepared, cancellationToken) is not { } prepared)
        {
            return null;
        }
        var record = prepared.Draw(dice, beacon);
        await DrawStore.SaveRecordAsync(transaction, draw.Id, record, DrawStates.Drawn, cancellationToken);
        await PanelStore.SetStatusAsync(transaction, draw.Id, record.Members!, "selected", cancellationToken);
        await PanelStore.SetStatusAsync(transaction, draw.Id, record.Substitutes!, "substitute", cancellationToken);
        var seats = await PanelStore.SeatsAsync(transaction, draw.Id, record.Members!, cancellationToken);
        await outbox.AddAsync(new PanelDrawn(draw.Id, draw.BodyId, draw.Specification.Title, record.Commitment, seats, record.Substitutes!,
            time.GetUtcNow()), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Designates the substitute for a member who declined or left.</summary>
    public async Task<DrawnSeat> ReplaceAsync(Draw draw, string leaving, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var record = await PanelStore.LockRecordAsync(transaction, draw.Id, DrawStates.Drawn, cancellationToken)
            ?? throw RuleViolation.Conflict("no-replacement", "No replacement", "Only a drawn panel has members to replace.");
        if (!record.CurrentMembers().Contains(leaving))
        {
            throw RuleViolation.Conflict("no-replacement", "No replacement", $"{leaving} is not a member of this panel.");
        }
        var (next, substitute) = record.Replace(leaving, reason, time.GetUtcNow());
        if (substitute is null)
        {
            throw RuleViolation.Conflict("no-replacement", "No replacement",
                $"No remaining substitute keeps every quota without {leaving}: the body must decide "
                + "(relax a quota or leave the seat empty).");
        }
        await DrawStore.SaveRecordAsync(transaction, draw.Id, next, DrawStates.Drawn, cancellationToken);
        await PanelStore.SetStatusAsync(transaction, draw.Id, [leaving], "left", cancellationToken);
        await PanelStore.SetStatusAsync(transaction, draw.Id, [substitute], "selected", cancellationToken);
        var seat = (await PanelStore.SeatsAsync(transaction, draw.Id, [substitute], cancellationToken)).Single();
        await outbox.AddAsync(new SubstituteDesignated(draw.Id, draw.BodyId, leaving, reason, seat, time.GetUtcNow()), transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return seat;
    }
}
