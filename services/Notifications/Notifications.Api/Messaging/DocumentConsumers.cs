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

/// <summary>An amendment was proposed to a draft: its other writers get the link to review it, once per amendment.</summary>
public sealed class AmendmentProposedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<AmendmentProposed>(dataSource)
{
    protected override Task HandleAsync(AmendmentProposed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.AmendmentProposed,
            $"documents.amendment-proposed:{message.AmendmentId}", $"amendment {message.Number} to {message.DocumentId}",
            MemberMessagePreparation.OfAmendment(message.DocumentId, message.Number, message.Section, message.Author), Languages.French,
            cancellationToken);
}

/// <summary>A vœu or délibération was submitted to the Council of Paris: the executive office the body deals with is told.</summary>
public sealed class DocumentSubmittedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<DocumentSubmitted>(dataSource)
{
    protected override Task HandleAsync(DocumentSubmitted message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.DocumentSubmitted,
            $"documents.document-submitted:{message.DocumentId}:{message.Version}", $"{message.Reference} submitted",
            MailboxMessagePreparation.OfSubmission(message.DocumentId, message.CouncilSession, message.Reference), Languages.French,
            cancellationToken);
}
