using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Documents;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Application;

/// <summary>The secretariat publishes a validated document's current version: public, fingerprinted, DocumentPublished once.</summary>
public sealed class DocumentPublishing(DocumentTransactions transactions, Outbox outbox)
{
    public Task<Publication> PublishAsync(string bodyId, Guid id, string actor, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, _ => true, (transaction, document, now) =>
        {
            Publishing.EnsurePublishable(document);
            return PublishVersionAsync(transaction, document, actor, now, cancellationToken);
        }, cancellationToken);

    /// <summary>Makes the document's current version public, in the transaction that holds the document.</summary>
    public async Task<Publication> PublishVersionAsync(NpgsqlTransaction transaction, Document document, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var publication = Publishing.Of(document, now);
        if (!await PublicationStore.InsertAsync(transaction, publication, actor, cancellationToken))
        {
            throw RuleViolation.Conflict("already-published", "Already published", $"Version {document.Version} is published already.");
        }
        await DocumentStore.SetStateAsync(transaction, document.Id, DocumentStates.Published, cancellationToken);
        await DocumentStore.AddHistoryAsync(transaction, document.Id, actor, "published", new { document.Version, publication.Fingerprint },
            now, cancellationToken);
        await outbox.AddAsync(new DocumentPublished(document.BodyId, document.Id, document.Kind, document.Version, document.Title,
            publication.Fingerprint, now), transaction, cancellationToken);
        return publication;
    }
}
