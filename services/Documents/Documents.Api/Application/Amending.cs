using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Documents;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Application;

/// <summary>
/// Amendments: writers and the executive propose them; the secretariat records each decision (with the vote that took it, if
/// any); the author may withdraw. Accepting one makes a new version with exactly that change. Every step is a history row, and
/// an event: AmendmentProposed when proposed, AmendmentDecided once decided.
/// </summary>
public sealed class Amending(DocumentTransactions transactions, Outbox outbox)
{
    public Task<Amendment> ProposeAsync(string bodyId, Guid id, AmendmentRequest request, Caller caller,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, document => Writers.MayWrite(document, caller) || caller.Executive,
            async (transaction, document, now) =>
            {
                AmendmentRules.EnsureTarget(document, request);
                var baseText = document.Sections[request.Section - 1].Markdown;
                var amendment = await AmendmentStore.InsertAsync(transaction, new Amendment(Guid.NewGuid(), id, 0, request.Section,
                    request.Operation, request.Heading?.Trim(), request.Text, baseText, document.Version, caller.Subject,
                    request.Motivation.Trim(), AmendmentStates.Proposed, now, null, null, null), cancellationToken);
                await DocumentStore.AddHistoryAsync(transaction, id, caller.Subject, "amendment-proposed",
                    new { amendment.Number, amendment.Section, amendment.Operation }, now, cancellationToken);
                await outbox.AddAsync(new AmendmentProposed(document.BodyId, id, amendment.Id, amendment.Number, amendment.Section,
                    caller.Subject, now), transaction, cancellationToken);
                return amendment;
            }, cancellationToken);

    public Task<Amendment> DecideAsync(string bodyId, Guid id, Guid amendmentId, AmendmentDecision decision, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            var amendment = await ProposedAsync(transaction, id, amendmentId, cancellationToken);
            var decided = amendment with { State = decision.Decision, DecidedBy = actor, VoteId = decision.VoteId };
            if (decision.Decision == AmendmentStates.Accepted)
            {
                var amended = document with
                {
                    Version = document.Version + 1,
                    Sections = AmendmentRules.Apply(document.Sections, amendment),
                    UpdatedAt = now,
                };
                await DocumentStore.SaveVersionAsync(transaction, amended, amendment.Author, $"Amendement {amendment.Number} accepté",
                    cancellationToken);
                decided = decided with { ResultingVersion = amended.Version };
            }
            await RecordAsync(transaction, document, decided, actor, decision.Reason, now, cancellationToken);
            return decided;
        }, cancellationToken);

    public Task<Amendment> WithdrawAsync(string bodyId, Guid id, Guid amendmentId, Caller caller, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            var amendment = await ProposedAsync(transaction, id, amendmentId, cancellationToken);
            if (amendment.Author != caller.Subject)
            {
                throw RuleViolation.Conflict("not-yours", "Not yours", "Only its author withdraws an amendment.");
            }
            var withdrawn = amendment with { State = AmendmentStates.Withdrawn, DecidedBy = caller.Subject };
            await RecordAsync(transaction, document, withdrawn, caller.Subject, null, now, cancellationToken);
            return withdrawn;
        }, cancellationToken);

    private static async Task<Amendment> ProposedAsync(NpgsqlTransaction transaction, Guid id, Guid amendmentId,
        CancellationToken cancellationToken)
    {
        var amendment = await AmendmentStore.FindAsync(transaction, id, amendmentId, cancellationToken)
            ?? throw RuleViolation.NotFound($"The document has no amendment {amendmentId}.");
        AmendmentRules.EnsureProposed(amendment);
        return amendment;
    }

    private async Task RecordAsync(NpgsqlTransaction transaction, Document document, Amendment amendment, string actor, string? reason,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await AmendmentStore.DecideAsync(transaction, amendment, now, cancellationToken);
        await DocumentStore.AddHistoryAsync(transaction, document.Id, amendment.VoteId is { } vote ? $"vote:{vote}" : actor,
            $"amendment-{amendment.State}", new { amendment.Number, amendment.ResultingVersion, reason, recordedBy = actor }, now,
            cancellationToken);
        await outbox.AddAsync(new AmendmentDecided(document.BodyId, document.Id, amendment.Id, amendment.Number, amendment.State,
            amendment.ResultingVersion, actor, amendment.VoteId, now), transaction, cancellationToken);
    }
}
