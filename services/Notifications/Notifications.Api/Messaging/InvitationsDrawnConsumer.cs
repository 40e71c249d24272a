using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sortition;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>Invitations are drawn: the campaign of their letters opens (one per draw, however often the event arrives).</summary>
public sealed class InvitationsDrawnConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<InvitationsDrawn>(dataSource)
{
    protected override Task HandleAsync(InvitationsDrawn message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.Invitation, $"sortition.invitations-drawn:{message.DrawId}",
            message.Title, InvitationLetterPreparation.Parameters(message.DrawId, message.ResponseDeadline, Languages.French),
            Languages.French, cancellationToken);
}
