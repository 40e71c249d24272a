using System.Globalization;
using System.Text.Json;
using Assemblee.Contracts.Membership.V1;
using Assemblee.Contracts.Veille.V1;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Microsoft.Extensions.Options;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;
using VeilleClient = Assemblee.Contracts.Veille.V1.Veille.VeilleClient;

namespace Assemblee.Notifications.Application;

/// <summary>
/// Writes the one e-mail a campaign to an institutional mailbox sends: to the body's own (its secretariat's: a Veille et
/// Interpellation alert or answer) or to its executive office's (a question or a text the body submitted), both as membership
/// has them at this moment; about the agenda item or the question as veille shows it to the body, or the text as documents
/// has it. A body without that mailbox gets a message failed from the start, so that the secretariat sees why; a mailbox that
/// turned the kind off with its unsubscribe link gets nothing.
/// </summary>
public sealed class MailboxMessagePreparation(
    MembershipClient membership, VeilleClient veille, CampaignSubjects subjects, CampaignLedger ledger, PreferenceStore preferences,
    Templates templates, IOptions<MailOptions> options, TimeProvider time)
{
    public async Task PrepareAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var kind = MessageKinds.All[campaign.Kind];
        var mailboxId = Recipients.MailboxId(kind.Audience);
        var chosen = await preferences.OfMemberAsync(campaign.BodyId, mailboxId, cancellationToken);
        if (chosen.ChannelsFor(kind).Contains(Channels.Email))
        {
            var body = await membership.GetBodyAsync(new GetBodyRequest { BodyId = campaign.BodyId }, cancellationToken: cancellationToken);
            var recipient = Recipients.OfMailbox(body.Id, kind.Audience);
            var key = Recipients.IdempotencyKey(campaign.SourceKey, recipient, campaign.Kind, Channels.Email);
            var address = kind.Audience == Audience.ExecutiveMailbox ? body.ExecutiveEmail : body.ContactEmail;
            NewMessage message;
            if (address.Length == 0)
            {
                message = new NewMessage(key, recipient, 1, null, MessageStates.Failed, kind.Audience == Audience.ExecutiveMailbox
                    ? "The body gave no mailbox for its executive office (membership: PUT /api/membership/bodies/{bodyId}/mailboxes)."
                    : "The body gave no contact mailbox (membership: PUT /api/membership/bodies/{bodyId}/mailboxes).");
            }
            else
            {
                var unsubscribe = (await preferences.UnsubscribeTokensAsync(campaign.BodyId, campaign.Kind, [mailboxId],
                    cancellationToken))[mailboxId];
                var links = Links(campaign, unsubscribe);
                var rendered = (await templates.OfCampaignAsync(campaign, cancellationToken))[chosen.Language]
                    .Render(await ValuesAsync(campaign, body, links, chosen.Language, cancellationToken));
                var email = new EmailMessage(address, body.Name, rendered.Subject, rendered.Body, null, "", links["unsubscribe"]);
                message = new NewMessage(key, recipient, 1, JsonSerializer.Serialize(email),
                    NotBefore: chosen.QuietHours?.NextAllowed(time.GetUtcNow()));
            }
            await ledger.AddAsync(campaign.Id, Channels.Email, [message], cancellationToken);
        }
        await ledger.ReadyAsync(campaign, cancellationToken);
    }

    /// <summary>Where the mailbox reads more, in the body's space of the web application, and its unsubscribe link.</summary>
    private Dictionary<string, string> Links(Campaign campaign, string unsubscribe)
    {
        var publicUrl = options.Value.PublicUrl.TrimEnd('/');
        var space = $"{publicUrl}/{campaign.BodyId}";
        var parameters = campaign.Parameters;
        return new Dictionary<string, string>
        {
            ["item"] = parameters.TryGetValue("itemId", out var item) ? $"{space}/veille/agenda/{Uri.EscapeDataString(item)}" : space,
            ["question"] = parameters.TryGetValue("questionId", out var question) ? $"{space}/veille/questions/{question}" : space,
            ["document"] = parameters.TryGetValue("documentId", out var document) ? $"{space}/documents/{document}" : space,
            ["unsubscribe"] = $"{publicUrl}/api/notifications/unsubscribe/{unsubscribe}",
        };
    }

    private async Task<Dictionary<string, object>> ValuesAsync(Campaign campaign, Body body, Dictionary<string, string> links,
        string language, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>
        {
            ["body"] = new Dictionary<string, object> { ["name"] = body.Name },
            ["links"] = links.ToDictionary(pair => pair.Key, pair => (object)pair.Value),
        };
        var parameters = campaign.Parameters;
        if (parameters.TryGetValue("itemId", out var itemId))
        {
            var item = await veille.GetAgendaItemAsync(new GetAgendaItemRequest { ItemId = itemId }, cancellationToken: cancellationToken);
            var changes = parameters["changes"].Split(',');
            values["item"] = new Dictionary<string, object>
            {
                ["reference"] = item.Reference,
                ["title"] = item.Title,
                ["meeting"] = item.MeetingName,
                ["date"] = LongDate(item.MeetingStartsAt, language),
                ["changes"] = AgendaChangeNames.Say(changes, language),
                ["added"] = changes.Contains(AgendaChangeNames.Added),
            };
        }
        if (parameters.TryGetValue("questionId", out var questionId))
        {
            // As the body sees it: an answered referral is not in the public register until the guarantors publish it.
            var question = await veille.GetQuestionAsync(new GetQuestionRequest { QuestionId = questionId, BodyId = campaign.BodyId },
                cancellationToken: cancellationToken);
            values["question"] = new Dictionary<string, object>
            {
                ["title"] = question.Title,
                ["answerDue"] = question.AnswerDue.Length == 0 ? "" : LongDate(question.AnswerDue, language),
                ["answeredAs"] = parameters.GetValueOrDefault("answeredAs", ""),
                ["inTime"] = parameters.GetValueOrDefault("inTime") != "false",
            };
        }
        if ((await subjects.AboutAsync(campaign, cancellationToken)).Document is { } document)
        {
            values["document"] = new Dictionary<string, object> { ["title"] = document.Title, ["kind"] = document.Kind };
            values["council"] = new Dictionary<string, object>
            {
                ["session"] = Languages.LongDate(DateOnly.ParseExact(parameters["councilSession"], "yyyy-MM-dd",
                    CultureInfo.InvariantCulture), language),
                ["reference"] = parameters["reference"],
            };
        }
        return values;
    }

    /// <summary>The Paris day of an ISO 8601 instant, as the message's language writes it.</summary>
    private static string LongDate(string instant, string language) => Languages.LongDate(DateOnly.FromDateTime(
        TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), Languages.Paris).DateTime), language);

    /// <summary>An agenda item's change, for the item the body follows.</summary>
    public static Dictionary<string, string> OfAgendaItem(string itemId, IEnumerable<string> changes) => new()
    {
        ["itemId"] = itemId,
        ["changes"] = string.Join(',', changes),
    };

    /// <summary>An answer to a question the body asked or co-signed: who answered, and whether in the time allowed.</summary>
    public static Dictionary<string, string> OfAnswer(Guid questionId, string answeredAs, bool inTime) => new()
    {
        ["questionId"] = questionId.ToString(),
        ["answeredAs"] = answeredAs,
        ["inTime"] = inTime ? "true" : "false",
    };

    /// <summary>A question (or referral) the body submitted or had answered.</summary>
    public static Dictionary<string, string> OfQuestion(Guid questionId) => new() { ["questionId"] = questionId.ToString() };

    /// <summary>A text the body submitted to a session of the Council of Paris, under the Council's reference.</summary>
    public static Dictionary<string, string> OfSubmission(Guid documentId, DateOnly councilSession, string reference) => new()
    {
        ["documentId"] = documentId.ToString(),
        ["councilSession"] = councilSession.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["reference"] = reference,
    };
}
