using Assemblee.Common.Rules;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Npgsql;
using SortitionClient = Assemblee.Contracts.Sortition.V1.Sortition.SortitionClient;

namespace Assemblee.Documents.Application;

/// <summary>
/// A draw's procès-verbal is published with the body's texts as soon as the panel is drawn, and again, as a new version, each
/// time a replacement changes it. Sortition renders it; documents asks for it when sortition's events arrive.
/// </summary>
public sealed partial class DrawRecordPublishing(SortitionClient sortition, DocumentPublishing publishing, TimeProvider time,
    ILogger<DrawRecordPublishing> logger)
{
    public async Task PublishAsync(NpgsqlTransaction transaction, string bodyId, Guid drawId, CancellationToken cancellationToken)
    {
        var record = await sortition.GetDrawRecordAsync(new() { DrawId = drawId.ToString() },
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken).OrNullWhenNotFound();
        if (record?.Markdown is not { } markdown)
        {
            // Sortition saves the record in the transaction that writes the event, so only an erased draw has none left.
            LogNoRecord(drawId);
            return;
        }
        var text = DrawRecords.Read(markdown);
        var now = time.GetUtcNow();
        var current = await DocumentStore.LockDrawRecordAsync(transaction, bodyId, drawId, cancellationToken);
        if (current is not null && current.Title == text.Title && current.Sections.SequenceEqual(text.Sections))
        {
            return;
        }
        var document = current is null
            ? new Document(Guid.NewGuid(), bodyId, null, null, null, DocumentKinds.DrawRecord, DocumentStates.Published, 1, text.Title,
                text.Sections, now)
            : current with { Version = current.Version + 1, Title = text.Title, Sections = text.Sections, UpdatedAt = now };
        if (current is null)
        {
            await DocumentStore.InsertAsync(transaction, document, DrawRecords.Publisher, cancellationToken, drawId);
        }
        await DocumentStore.SaveVersionAsync(transaction, document, DrawRecords.Publisher, text.Summary, cancellationToken);
        await publishing.PublishVersionAsync(transaction, document, DrawRecords.Publisher, now, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Sortition has no record of draw {DrawId} to publish.")]
    private partial void LogNoRecord(Guid drawId);
}
