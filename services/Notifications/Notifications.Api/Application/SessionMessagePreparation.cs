using System.Globalization;
using System.Text.Json;
using Assemblee.Contracts.Membership.V1;
using Assemblee.Contracts.Sessions.V1;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Assemblee.Notifications.Application;

/// <summary>Where e-mails come from and where their links lead.</summary>
public sealed class MailOptions
{
    public string From { get; set; } = "assemblee@paris.fr";

    public string FromName { get; set; } = "Assemblée citoyenne de Paris";

    /// <summary>The public address of the members' space (the web application, through the gateway).</summary>
    public string PublicUrl { get; set; } = "https://assemblee.paris.fr";

    /// <summary>The first wait before a message that could not be sent is tried again (doubling up to an hour).</summary>
    public int FirstRetrySeconds { get; set; } = 30;

    /// <summary>How long the SMTP server may take to answer (connection, greeting, each command).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Writes one e-mail (or SMS) of a session's campaign (convocation, change, cancellation) per member its convocation
/// stands for, by the channels each chose: who, from sessions; how to reach them, from membership at this moment (logged
/// there, kept only in the message until its content is erased); the calendar file, from sessions. A member without an
/// address on a channel gets a message failed from the start, so that the secretariat sees it.
/// </summary>
public sealed class SessionMessagePreparation(
    Sessions.SessionsClient sessions, MemberContacts.MemberContactsClient membership, CampaignLedger ledger, MessageStore messages,
    PreferenceStore preferences, Templates templates, IOptions<MailOptions> options, TimeProvider time)
{
    private const int ContactsPerCall = 1000;

    public async Task PrepareAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        // The campaign's language in the version it was opened with; the other language as the body has it now.
        var wordings = new Dictionary<string, MessageTemplate>();
        foreach (var language in Languages.All)
        {
            wordings[language] = language == campaign.Language
                ? await templates.VersionAsync(campaign.BodyId, campaign.Kind, language, campaign.TemplateVersion, cancellationToken)
                : await templates.CurrentAsync(campaign.BodyId, campaign.Kind, language, cancellationToken);
        }
        var request = new GetSessionRequest { BodyId = campaign.BodyId, SessionId = campaign.Parameters["sessionId"] };
        var session = await sessions.GetSessionAsync(request, cancellationToken: cancellationToken);
        var calendar = (await sessions.GetSessionCalendarAsync(request, cancellationToken: cancellationToken)).Ics;
        var invited = new List<string>();
        using (var call = sessions.ListConvocations(new ListConvocationsRequest { BodyId = campaign.BodyId, SessionId = session.Id },
            cancellationToken: cancellationToken))
        {
            await foreach (var convocation in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                invited.Add(convocation.MemberId);
            }
        }
        var written = await messages.KeysAsync(campaign.Id, cancellationToken);
        var kind = MessageKinds.All[campaign.Kind];
        string Key(Guid member, string channel) => MemberKey(campaign, member, channel);
        var order = invited.Select((member, index) => (Guid.Parse(member), index + 1)).ToDictionary();
        foreach (var part in invited.Select(Guid.Parse).Chunk(ContactsPerCall))
        {
            var chosen = await preferences.OfMembersAsync(campaign.BodyId, part, cancellationToken);
            Preferences Of(Guid member) => chosen.GetValueOrDefault(member, Preferences.Default);
            // Each member by the channels they chose for this kind (none: nothing), skipping what the ledger already has.
            List<Guid> By(string channel) =>
                [.. part.Where(member => Of(member).ChannelsFor(kind).Contains(channel) && !written.Contains(Key(member, channel)))];
            var (byEmail, bySms) = (By(Channels.Email), By(Channels.Sms));
            if (byEmail.Count + bySms.Count == 0)
            {
                continue;
            }
            var contacts = (await membership.GetContactsAsync(new GetContactsRequest
            {
                BodyId = campaign.BodyId,
                MemberIds = { byEmail.Union(bySms).Select(id => id.ToString()) },
            }, cancellationToken: cancellationToken)).Contacts.ToDictionary(contact => Guid.Parse(contact.MemberId));
            var unsubscribe = await preferences.UnsubscribeTokensAsync(campaign.BodyId, campaign.Kind, byEmail, cancellationToken);
            await ledger.AddAsync(campaign.Id, Channels.Email, [.. byEmail.Select(member => Email(campaign, member, order[member],
                Render(campaign, wordings, session, Of(member), contacts.GetValueOrDefault(member)), calendar,
                contacts.GetValueOrDefault(member), unsubscribe[member], Of(member)))], cancellationToken);
            await ledger.AddAsync(campaign.Id, Channels.Sms, [.. bySms.Select(member => Sms(campaign, member, order[member],
                Render(campaign, wordings, session, Of(member), contacts.GetValueOrDefault(member)),
                contacts.GetValueOrDefault(member), Of(member)))], cancellationToken);
        }
        await ledger.ReadyAsync(campaign.Id, transaction => MessageStore.CountAsync(transaction, campaign.Id, cancellationToken),
            cancellationToken);
    }

    /// <summary>The wording in the member's language; null when the member's contact data is erased or unknown.</summary>
    private RenderedMessage? Render(Campaign campaign, Dictionary<string, MessageTemplate> wordings, Session session,
        Preferences chosen, Contact? contact)
    {
        if (contact is null)
        {
            return null;
        }
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(session.StartsAt, CultureInfo.InvariantCulture), Languages.Paris);
        var ends = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(session.EndsAt, CultureInfo.InvariantCulture), Languages.Paris);
        var links = $"{options.Value.PublicUrl.TrimEnd('/')}/{campaign.BodyId}/membres";
        return wordings[chosen.Language].Render(new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object> { ["givenName"] = contact.GivenName },
            ["session"] = new Dictionary<string, object>
            {
                ["title"] = session.Title,
                ["date"] = Languages.LongDate(DateOnly.FromDateTime(starts.DateTime), chosen.Language),
                ["startTime"] = starts.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["endTime"] = ends.ToString("HH:mm", CultureInfo.InvariantCulture),
            },
            ["links"] = new Dictionary<string, object>
            {
                ["answer"] = $"{links}/convocations/{session.Id}",
                ["preferences"] = $"{links}/preferences",
            },
            ["change"] = new Dictionary<string, object>
            {
                ["kind"] = campaign.Parameters.GetValueOrDefault("change", ""),
                ["reason"] = campaign.Parameters.GetValueOrDefault("reason", ""),
            },
        });
    }

    private static string MemberKey(Campaign campaign, Guid member, string channel) =>
        Recipients.IdempotencyKey(campaign.SourceKey, Recipients.OfMember(member), campaign.Kind, channel);

    private NewMessage Email(Campaign campaign, Guid member, int sequence, RenderedMessage? rendered, string calendar, Contact? contact,
        string unsubscribe, Preferences chosen)
    {
        var (key, recipient) = (MemberKey(campaign, member, Channels.Email), Recipients.OfMember(member));
        if (rendered is null || contact is null || contact.Email.Length == 0)
        {
            return new NewMessage(key, recipient, sequence, null, MessageStates.Failed,
                contact is null ? "The member's contact data is erased or unknown." : "The member gave no e-mail address.");
        }
        var email = new EmailMessage(contact.Email, $"{contact.GivenName} {contact.FamilyName}".Trim(), rendered.Subject, rendered.Body,
            calendar, "seance.ics", $"{options.Value.PublicUrl.TrimEnd('/')}/api/notifications/unsubscribe/{unsubscribe}");
        return new NewMessage(key, recipient, sequence, JsonSerializer.Serialize(email),
            NotBefore: chosen.QuietHours?.NextAllowed(time.GetUtcNow()));
    }

    /// <summary>An SMS carries the subject line: the essentials, and the member's space holds the rest.</summary>
    private NewMessage Sms(Campaign campaign, Guid member, int sequence, RenderedMessage? rendered, Contact? contact, Preferences chosen)
    {
        var (key, recipient) = (MemberKey(campaign, member, Channels.Sms), Recipients.OfMember(member));
        if (rendered is null || PhoneNumbers.ToE164(contact?.Phone) is not { } number)
        {
            return new NewMessage(key, recipient, sequence, null, MessageStates.Failed,
                contact is null ? "The member's contact data is erased or unknown." : "The member gave no mobile number.");
        }
        return new NewMessage(key, recipient, sequence, JsonSerializer.Serialize(new SmsMessage(number, rendered.Subject)),
            NotBefore: chosen.QuietHours?.NextAllowed(time.GetUtcNow()));
    }

    /// <summary>What the campaign needs of a session's event: the session, and what changed and why.</summary>
    public static Dictionary<string, string> Parameters(Guid sessionId, string? change = null, string? reason = null) => new()
    {
        ["sessionId"] = sessionId.ToString(),
        ["change"] = change ?? "",
        ["reason"] = reason ?? "",
    };
}
