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
/// Writes the one e-mail a body campaign sends (a Veille et Interpellation alert or answer): to the body's own mailbox, its
/// secretariat's institutional address as membership has it at this moment, about the agenda item or the question as veille
/// shows it to the body. A body without a mailbox gets a message failed from the start, so that the secretariat sees why;
/// a mailbox that turned the kind off with its unsubscribe link gets nothing.
/// </summary>
public sealed class BodyMessagePreparation(
    MembershipClient membership, VeilleClient veille, CampaignLedger ledger, PreferenceStore preferences, Templates templates,
    IOptions<MailOptions> options, TimeProvider time)
{
    public async Task PrepareAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var chosen = await preferences.OfMemberAsync(campaign.BodyId, Recipients.BodyMailbox, cancellationToken);
        if (chosen.ChannelsFor(MessageKinds.All[campaign.Kind]).Contains(Channels.Email))
        {
            var body = await membership.GetBodyAsync(new GetBodyRequest { BodyId = campaign.BodyId }, cancellationToken: cancellationToken);
            var key = Recipients.IdempotencyKey(campaign.SourceKey, Recipients.OfBody(body.Id), campaign.Kind, Channels.Email);
            NewMessage message;
            if (body.ContactEmail.Length == 0)
            {
                message = new NewMessage(key, Recipients.OfBody(body.Id), 1, null, MessageStates.Failed,
                    "The body gave no contact address (membership: PUT /api/membership/bodies/{bodyId}/contact).");
            }
            else
            {
                var unsubscribe = (await preferences.UnsubscribeTokensAsync(campaign.BodyId, campaign.Kind, [Recipients.BodyMailbox],
                    cancellationToken))[Recipients.BodyMailbox];
                var links = Links(campaign, unsubscribe);
                var rendered = (await templates.OfCampaignAsync(campaign, cancellationToken))[chosen.Language]
                    .Render(await ValuesAsync(campaign, body, links, chosen.Language, cancellationToken));
                var email = new EmailMessage(body.ContactEmail, body.Name, rendered.Subject, rendered.Body, null, "", links["unsubscribe"]);
                message = new NewMessage(key, Recipients.OfBody(body.Id), 1, JsonSerializer.Serialize(email),
                    NotBefore: chosen.QuietHours?.NextAllowed(time.GetUtcNow()));
            }
            await ledger.AddAsync(campaign.Id, Channels.Email, [message], cancellationToken);
        }
        await ledger.ReadyAsync(campaign, cancellationToken);
    }

    /// <summary>Where the body reads more: its Veille et Interpellation space (the web application), and the unsubscribe link.</summary>
    private Dictionary<string, string> Links(Campaign campaign, string unsubscribe)
    {
        var publicUrl = options.Value.PublicUrl.TrimEnd('/');
        var space = $"{publicUrl}/{campaign.BodyId}/veille";
        return new Dictionary<string, string>
        {
            ["item"] = campaign.Parameters.TryGetValue("itemId", out var item) ? $"{space}/agenda/{Uri.EscapeDataString(item)}" : space,
            ["question"] = campaign.Parameters.TryGetValue("questionId", out var question) ? $"{space}/questions/{question}" : space,
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
        if (campaign.Parameters.TryGetValue("itemId", out var itemId))
        {
            var item = await veille.GetAgendaItemAsync(new GetAgendaItemRequest { ItemId = itemId }, cancellationToken: cancellationToken);
            var changes = campaign.Parameters["changes"].Split(',');
            var meetingDay = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(item.MeetingStartsAt, CultureInfo.InvariantCulture),
                Languages.Paris);
            values["item"] = new Dictionary<string, object>
            {
                ["reference"] = item.Reference,
                ["title"] = item.Title,
                ["meeting"] = item.MeetingName,
                ["date"] = Languages.LongDate(DateOnly.FromDateTime(meetingDay.DateTime), language),
                ["changes"] = AgendaChangeNames.Say(changes, language),
                ["added"] = changes.Contains(AgendaChangeNames.Added),
            };
        }
        if (campaign.Parameters.TryGetValue("questionId", out var questionId))
        {
            // As the body sees it: an answered referral is not in the public register until the guarantors publish it.
            var question = await veille.GetQuestionAsync(new GetQuestionRequest { QuestionId = questionId, BodyId = campaign.BodyId },
                cancellationToken: cancellationToken);
            values["question"] = new Dictionary<string, object>
            {
                ["title"] = question.Title,
                ["answeredAs"] = campaign.Parameters.GetValueOrDefault("answeredAs", ""),
                ["inTime"] = campaign.Parameters.GetValueOrDefault("inTime") != "false",
            };
        }
        return values;
    }

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

    public static Dictionary<string, string> OfReferral(Guid referralId) => new() { ["questionId"] = referralId.ToString() };
}
