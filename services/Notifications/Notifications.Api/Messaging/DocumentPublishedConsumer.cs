using Assemblee.Common.Messaging;
using Assemblee.Contracts.Documents;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>
/// A text was published: the active members of its promotion get its address, once per published version. A draw's
/// procès-verbal, which sortition publishes before any member exists, tells no one.
/// </summary>
public sealed class DocumentPublishedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<DocumentPublished>(dataSource)
{
    private const string DrawRecord = "draw-record";

    protected override Task HandleAsync(DocumentPublished message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        message.Kind == DrawRecord
            ? Task.CompletedTask
            : opening.OpenAsync(transaction, message.BodyId, MessageKinds.DocumentPublished,
                $"documents.document-published:{message.DocumentId}:{message.Version}", message.Title,
                MemberMessagePreparation.OfDocument(message.DocumentId), Languages.French, cancellationToken);
}
