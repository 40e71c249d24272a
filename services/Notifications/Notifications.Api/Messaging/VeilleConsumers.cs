using System.Globalization;
using Assemblee.Common.Messaging;
using Assemblee.Contracts.Veille;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>An agenda item a body follows changed (veille raises one event per following body): that body's mailbox is told.</summary>
public sealed class AgendaItemChangedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<AgendaItemChanged>(dataSource)
{
    protected override Task HandleAsync(AgendaItemChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.AgendaAlert,
            $"veille.agenda-item-changed:{message.BodyId}:{message.ItemId}:{message.Revision}", $"{message.Reference} changed",
            MailboxMessagePreparation.OfAgendaItem(message.ItemId, message.Changes), Languages.French, cancellationToken);
}

/// <summary>The executive answered a question: the body that asked it and each body that co-signed it are told.</summary>
public sealed class QuestionAnsweredConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<QuestionAnswered>(dataSource)
{
    protected override async Task HandleAsync(QuestionAnswered message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        // A question may be answered again after a follow-up request: each answer is its own news.
        var answer = message.AnsweredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var bodyId in message.CoSigners.Prepend(message.BodyId).Distinct())
        {
            await opening.OpenAsync(transaction, bodyId, MessageKinds.QuestionAnswered,
                $"veille.question-answered:{message.QuestionId}:{answer}:{bodyId}", $"answer to {message.QuestionId}",
                MailboxMessagePreparation.OfAnswer(message.QuestionId, message.AnsweredAs, message.InTime), Languages.French,
                cancellationToken);
        }
    }
}

/// <summary>The guarantors answered a referral: the body that made it is told.</summary>
public sealed class ReferralAnsweredConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<ReferralAnswered>(dataSource)
{
    protected override Task HandleAsync(ReferralAnswered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.ReferralAnswered,
            $"veille.referral-answered:{message.ReferralId}:{message.AnsweredAt.ToUnixTimeMilliseconds()}",
            $"answer to referral {message.ReferralId}", MailboxMessagePreparation.OfQuestion(message.ReferralId), Languages.French,
            cancellationToken);
}

/// <summary>
/// A body submitted a question to the executive: the executive office the body deals with is told, once. A referral goes to
/// the guarantors, who follow theirs in the space.
/// </summary>
public sealed class QuestionSubmittedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<QuestionSubmitted>(dataSource)
{
    private const string Referral = "referral";

    protected override Task HandleAsync(QuestionSubmitted message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        message.Kind == Referral
            ? Task.CompletedTask
            : opening.OpenAsync(transaction, message.BodyId, MessageKinds.QuestionSubmitted,
                $"veille.question-submitted:{message.QuestionId}", $"question {message.Title}",
                MailboxMessagePreparation.OfQuestion(message.QuestionId), Languages.French, cancellationToken);
}
