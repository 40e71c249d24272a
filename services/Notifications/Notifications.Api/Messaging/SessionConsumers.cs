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
            message.Title, SessionMessagePreparation.Parameters(message.SessionId), Languages.French, cancellationToken);
}

/// <summary>
/// A convened session moved, changed or was postponed: one campaign per calendar revision. That it took place (held) tells
/// the members nothing new.
/// </summary>
public sealed class SessionChangedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<SessionChanged>(dataSource)
{
    protected override Task HandleAsync(SessionChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        message.Change == "held"
            ? Task.CompletedTask
            : opening.OpenAsync(transaction, message.BodyId, MessageKinds.SessionChange,
                $"sessions.session-changed:{message.SessionId}:{message.Sequence}", $"{message.Change} {message.SessionId}",
                SessionMessagePreparation.Parameters(message.SessionId, message.Change, message.Reason), Languages.French,
                cancellationToken);
}

/// <summary>A convened session was cancelled: its members are told (a session never convened concerned no one yet).</summary>
public sealed class SessionCancelledConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<SessionCancelled>(dataSource)
{
    protected override Task HandleAsync(SessionCancelled message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        message.WasConvened
            ? opening.OpenAsync(transaction, message.BodyId, MessageKinds.SessionCancellation,
                $"sessions.session-cancelled:{message.SessionId}", $"cancelled {message.SessionId}",
                SessionMessagePreparation.Parameters(message.SessionId, "cancelled", message.Reason), Languages.French, cancellationToken)
            : Task.CompletedTask;
}
