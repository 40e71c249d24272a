using Assemblee.Common.Rules;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Npgsql;
using SessionsClient = Assemblee.Contracts.Sessions.V1.Sessions.SessionsClient;

namespace Assemblee.Documents.Application;

/// <summary>
/// Writing documents: starting one, saving versions against the version read (never over someone else's), naming co-authors.
/// Each step is one transaction with its history row.
/// </summary>
public sealed class DocumentWriting(NpgsqlDataSource dataSource, DocumentTransactions transactions, SessionsClient sessions,
    TimeProvider time)
{
    public async Task<Document> StartAsync(string bodyId, NewDocument request, string author, CancellationToken cancellationToken)
    {
        if (request.SessionId is { } sessionId)
        {
            Minutes.EnsureRecords(request, await RecordedSessionAsync(bodyId, sessionId, cancellationToken));
        }
        var now = time.GetUtcNow();
        var document = new Document(Guid.NewGuid(), bodyId, request.PromotionId, request.AtelierId, request.SessionId, request.Kind,
            DocumentStates.Draft, 1, request.Title.Trim(), request.Sections, now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DocumentStore.InsertAsync(transaction, document, author, cancellationToken);
        await DocumentStore.SaveVersionAsync(transaction, document, author, "Première version", cancellationToken);
        await DocumentStore.AddHistoryAsync(transaction, document.Id, author, "started", new { document.Kind }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return document;
    }

    /// <summary>
    /// Saves a new version made from <paramref name="readVersion"/>; refused (412) when another was saved meanwhile, with the
    /// current text and how the writer's text differs from it, so that nothing is lost.
    /// </summary>
    public Task<Document> SaveAsync(string bodyId, Guid id, DocumentText text, int? readVersion, Caller caller,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, document => Writers.MayWrite(document, caller), async (transaction, document, now) =>
        {
            DocumentRules.EnsureEditable(document);
            DocumentRules.EnsureCurrent(document, readVersion, () => new Dictionary<string, object?>
            {
                ["currentVersion"] = document.Version,
                ["current"] = new { document.Title, document.Sections },
                ["diff"] = TextDifference.Between(document.Sections, text.Sections),
            });
            var saved = document with
            {
                Version = document.Version + 1,
                Title = text.Title.Trim(),
                Sections = text.Sections,
                UpdatedAt = now,
            };
            await DocumentStore.SaveVersionAsync(transaction, saved, caller.Subject, text.Summary?.Trim(), cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, caller.Subject, "saved", new { saved.Version, text.Summary }, now,
                cancellationToken);
            return saved;
        }, cancellationToken);

    public Task GrantAsync(string bodyId, Guid id, string subject, string role, Caller caller, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, document => Writers.MayWrite(document, caller), async (transaction, document, now) =>
        {
            await DocumentStore.GrantAsync(transaction, id, subject, role, caller.Subject, now, cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, caller.Subject, "co-author", new { subject, role }, now,
                cancellationToken);
            return document;
        }, cancellationToken);

    /// <summary>Attaches a file a writer sent; in the document's history with its fingerprint.</summary>
    public Task<Attachment> AttachAsync(string bodyId, Guid id, string? fileName, string? contentType, byte[] content, Caller caller,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, id, document => Writers.MayWrite(document, caller), async (transaction, document, now) =>
        {
            var attachment = Attachments.Describe(id, fileName, contentType, content, caller.Subject, now);
            await AttachmentStore.InsertAsync(transaction, attachment, content, cancellationToken);
            await DocumentStore.AddHistoryAsync(transaction, id, caller.Subject, "attached",
                new { attachment.Id, attachment.FileName, attachment.Sha256 }, now, cancellationToken);
            return attachment;
        }, cancellationToken);

    /// <summary>The session as sessions describes it to documents' credential; null when the body has no such session.</summary>
    private async Task<RecordedSession?> RecordedSessionAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        await sessions.GetSessionAsync(new() { BodyId = bodyId, SessionId = sessionId.ToString() },
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken).OrNullWhenNotFound() is { } session
            ? new RecordedSession(Guid.Parse(session.PromotionId), session.AtelierId.Length > 0 ? Guid.Parse(session.AtelierId) : null,
                session.State)
            : null;
}
