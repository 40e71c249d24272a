using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Documents;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;

namespace Assemblee.Documents.Application;

/// <summary>
/// After validation: the secretariat submits a vœu or délibération to the Council and records its outcome; the departments (the
/// executive's accounts) and the secretariat record commitments and their progress. Each step is in the document's history.
/// </summary>
public sealed class CouncilFollowUp(DocumentTransactions transactions, Outbox outbox)
{
    public Task<Document> SubmitAsync(string bodyId, Guid id, CouncilSubmission submission, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            CouncilRules.EnsureSubmittable(document);
            await CouncilStore.SubmitAsync(transaction, id, submission, actor, now, cancellationToken);
            await DocumentStore.SetStateAsync(transaction, id, DocumentStates.Submitted, cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, actor, "submitted", submission, now, cancellationToken);
            await outbox.AddAsync(new DocumentSubmitted(bodyId, id, document.Kind, document.Version, submission.CouncilSession,
                submission.Reference, now), transaction, cancellationToken);
            return document with { State = DocumentStates.Submitted };
        }, cancellationToken);

    public Task<Document> RecordOutcomeAsync(string bodyId, Guid id, CouncilOutcome outcome, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            CouncilRules.EnsureAwaitingOutcome(document);
            var submission = await CouncilStore.RecordOutcomeAsync(transaction, id, outcome, actor, cancellationToken);
            await DocumentStore.SetStateAsync(transaction, id, outcome.Outcome, cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, actor, "council-outcome",
                new { outcome.Outcome, outcome.DecidedOn, submission.Reference }, now, cancellationToken);
            await outbox.AddAsync(new CouncilOutcomeRecorded(bodyId, id, submission.Reference, outcome.Outcome, outcome.DecidedOn, now),
                transaction, cancellationToken);
            return document with { State = outcome.Outcome };
        }, cancellationToken);

    public Task<Commitment> CommitAsync(string bodyId, Guid id, CommitmentRequest request, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            CouncilRules.EnsureAdopted(document);
            var commitment = new Commitment(Guid.NewGuid(), id, request.Title.Trim(), request.Department.Trim(), request.DueOn, "planned",
                []);
            await CouncilStore.AddCommitmentAsync(transaction, commitment, now, cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, actor, "commitment", new { commitment.Id, commitment.Title }, now,
                cancellationToken);
            return commitment;
        }, cancellationToken);

    public Task<EvaluationMission> StartMissionAsync(string bodyId, Guid id, MissionRequest request, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            CouncilRules.EnsureAdopted(document);
            var mission = new EvaluationMission(Guid.NewGuid(), id, request.Title.Trim(), request.MemberIds, request.StartsOn, null);
            await CouncilStore.AddMissionAsync(transaction, mission, actor, now, cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, actor, "evaluation-mission", new { mission.Id, mission.Title }, now,
                cancellationToken);
            return mission;
        }, cancellationToken);

    /// <summary>Links the report a mission wrote: a document of the same body.</summary>
    public Task<bool> LinkReportAsync(string bodyId, Guid id, Guid missionId, MissionReport report, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            if (await DocumentStore.LockAsync(transaction, bodyId, report.ReportDocumentId, cancellationToken) is null)
            {
                throw RuleViolation.Unprocessable("no-such-report", "No such report",
                    $"Body '{bodyId}' has no document {report.ReportDocumentId}.");
            }
            if (!await CouncilStore.SetReportAsync(transaction, id, missionId, report.ReportDocumentId, cancellationToken))
            {
                throw RuleViolation.NotFound($"The document has no evaluation mission {missionId}.");
            }
            await DocumentStore.AddHistoryAsync(transaction, id, actor, "evaluation-report",
                new { missionId, report.ReportDocumentId }, now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> UpdateAsync(string bodyId, Guid id, Guid commitmentId, StatusUpdate update, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
            await CouncilStore.UpdateCommitmentAsync(transaction, id, commitmentId, update, actor, now, cancellationToken)
                ? true
                : throw RuleViolation.NotFound($"The document has no commitment {commitmentId}."), cancellationToken);
}
