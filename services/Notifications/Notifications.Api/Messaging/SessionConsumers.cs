using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sessions;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>
/// A session is convened: the campaign of its convocations opens (one per session, however often the event arrives), and its
/// reminder waits for the day before.
/// </summary>
public sealed class SessionConvenedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<SessionConvened>(dataSource)
{
    protected override async Task HandleAsync(SessionConvened message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await opening.OpenAsync(transaction, message.BodyId, MessageKinds.Convocation, $"sessions.session-convened:{message.SessionId}",
            message.Title, MemberMessagePreparation.OfSession(message.SessionId), Languages.French, cancellationToken);
        await opening.OpenReminderAsync(transaction, message.BodyId, message.SessionId, "convened", message.StartsAt,
            message.ConvenedAt, cancellationToken);
    }
}

/// <summary>
/// A convened session moved, changed or was postponed: one campaign per calendar revision; a move or a postponement replaces
/// its reminder. That it took place (held) tells the members nothing new.
/// </summary>
public sealed class SessionChangedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<SessionChanged>(dataSource)
{
    protected override async Task HandleAsync(SessionChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.Change == "held")
        {
            return;
        }
        await opening.OpenAsync(transaction, message.BodyId, MessageKinds.SessionChange,
            $"sessions.session-changed:{message.SessionId}:{message.Sequence}", $"{message.Change} {message.SessionId}",
            MemberMessagePreparation.OfSession(message.SessionId, message.Change, message.Reason), Languages.French, cancellationToken);
        if (message.Change is "rescheduled" or "postponed")
        {
            await CampaignStore.WithdrawRemindersAsync(transaction, message.SessionId, $"The session was {message.Change}.",
                cancellationToken);
        }
        if (message.Change == "rescheduled")
        {
            await opening.OpenReminderAsync(transaction, message.BodyId, message.SessionId, message.Sequence.ToString(
                System.Globalization.CultureInfo.InvariantCulture), message.StartsAt, message.ChangedAt, cancellationToken);
        }
    }
}

/// <summary>
/// A convened session was cancelled: its members are told (a session never convened concerned no one yet) and its reminder
/// is withdrawn.
/// </summary>
public sealed class SessionCancelledConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<SessionCancelled>(dataSource)
{
    protected override async Task HandleAsync(SessionCancelled message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (!message.WasConvened)
        {
            return;
        }
        await opening.OpenAsync(transaction, message.BodyId, MessageKinds.SessionCancellation,
            $"sessions.session-cancelled:{message.SessionId}", $"cancelled {message.SessionId}",
            MemberMessagePreparation.OfSession(message.SessionId, "cancelled", message.Reason), Languages.French, cancellationToken);
        await CampaignStore.WithdrawRemindersAsync(transaction, message.SessionId, "The session was cancelled.", cancellationToken);
    }
}

/// <summary>A vote opened: the members the session convened are told (one campaign per vote).</summary>
public sealed class VoteOpenedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening) : IdempotentConsumer<VoteOpened>(dataSource)
{
    protected override Task HandleAsync(VoteOpened message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.VoteOpening, $"sessions.vote-opened:{message.VoteId}",
            message.Question, MemberMessagePreparation.OfVote(message.SessionId, message.VoteId), Languages.French, cancellationToken);
}

/// <summary>A vote closed: the members the session convened get its result.</summary>
public sealed class VoteClosedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening) : IdempotentConsumer<VoteClosed>(dataSource)
{
    protected override Task HandleAsync(VoteClosed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.VoteResult, $"sessions.vote-closed:{message.VoteId}",
            $"{message.Decision} {message.VoteId}", MemberMessagePreparation.OfVote(message.SessionId, message.VoteId), Languages.French,
            cancellationToken);
}
