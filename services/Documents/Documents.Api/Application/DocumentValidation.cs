using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Documents;
using Assemblee.Contracts.Sessions;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Application;

/// <summary>A recorded paper vote: the totals the secretariat counted.</summary>
public sealed record PaperVote(int For, int Against, int Abstention)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(For >= 0 && Against >= 0 && Abstention >= 0 && For + Against + Abstention > 0, "for",
            new FieldRule("vote-totals", "Non-negative totals, at least one ballot."));

    /// <summary>Adopted by a simple majority of the expressed ballots (abstentions aside), as sessions' simple rule.</summary>
    public bool Adopted => For > Against;
}

/// <summary>
/// Validation: by the members' vote (sessions' VoteClosed, in the consumer's transaction with its inbox row, so a redelivered
/// vote changes nothing) or by a paper vote the secretariat records. A validated document publishes DocumentValidated once.
/// </summary>
public sealed class DocumentValidation(DocumentTransactions transactions, Outbox outbox, TimeProvider time)
{
    public async Task ByVoteAsync(NpgsqlTransaction transaction, VoteClosed vote, CancellationToken cancellationToken)
    {
        if (vote.SubjectDocumentId is not { } documentId ||
            await DocumentStore.LockAsync(transaction, vote.BodyId, documentId, cancellationToken) is not { } document)
        {
            return;
        }
        var now = time.GetUtcNow();
        await DocumentStore.AddHistoryAsync(transaction, documentId, $"vote:{vote.VoteId}", "vote", new
        {
            vote.VoteId,
            vote.SessionId,
            vote.SubjectPurpose,
            vote.Decision,
            vote.Totals,
        }, now, cancellationToken);
        if (vote.Decision == "adopted")
        {
            await ValidateAsync(transaction, document, "vote", vote.VoteId, now, cancellationToken);
        }
    }

    /// <summary>The secretariat's record of a paper vote (the route is the secretariat's; any document of the body).</summary>
    public Task<Document> ByPaperVoteAsync(string bodyId, Guid id, PaperVote paper, string actor, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, async (transaction, document, now) =>
        {
            if (!DocumentRules.Validates(document))
            {
                throw RuleViolation.Conflict("not-a-draft", "Not a draft", $"The document is {document.State}.");
            }
            await DocumentStore.AddHistoryAsync(transaction, id, actor, "paper-vote", paper, now, cancellationToken);
            return paper.Adopted ? await ValidateAsync(transaction, document, "paper-vote", null, now, cancellationToken) : document;
        }, cancellationToken);

    private async Task<Document> ValidateAsync(NpgsqlTransaction transaction, Document document, string by, Guid? voteId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!DocumentRules.Validates(document))
        {
            return document;
        }
        await DocumentStore.SetStateAsync(transaction, document.Id, DocumentStates.Validated, cancellationToken);
        await outbox.AddAsync(new DocumentValidated(document.BodyId, document.Id, document.Kind, document.Version, by, voteId, now),
            transaction, cancellationToken);
        return document with { State = DocumentStates.Validated };
    }
}
