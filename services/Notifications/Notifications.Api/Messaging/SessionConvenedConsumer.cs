using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sessions;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>A session is convened: the campaign of its convocations opens (one per session, however often the event arrives).</summary>
public sealed class SessionConvenedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<SessionConvened>(dataSource)
{
    protected override Task HandleAsync(SessionConvened message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.Convocation, $"sessions.session-convened:{message.SessionId}",
            message.Title, ConvocationPreparation.Parameters(message.SessionId), Languages.French, cancellationToken);
}
