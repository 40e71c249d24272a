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
/// Writes one letter, e-mail or SMS per member a campaign concerns, by the channels each chose: the members a session's
/// convocation stands for (convocation, change, cancellation, reminder, a vote opened or its result; who, from sessions), the
/// active members of a published text's promotion, the other writers of a draft an amendment is proposed to, or the members an
/// event names (drawn, consent request, welcome). How to reach them comes from membership at this moment (logged there, kept
/// only in the message until its content is erased); what the messages speak of, from sessions and documents
/// (<see cref="CampaignSubjects"/>). A member without an address on a channel gets a message failed from the start, so that
/// the secretariat sees it. Letters also make the print shop's batch file (<see cref="CampaignLedger"/>). A reminder whose
/// session moved or was cancelled since is withdrawn instead.
/// </summary>
public sealed class MemberMessagePreparation(
    CampaignSubjects subjects, MemberContacts.MemberContactsClient membership, CampaignLedger ledger, CampaignStore campaigns,
    MessageStore messages, PreferenceStore preferences, Templates templates, IOptions<MailOptions> options,
    IOptions<LetterOptions> letterOptions, TimeProvider time)
{
    private const int ContactsPerCall = 1000;

    public async Task PrepareAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var wordings = await templates.OfCampaignAsync(campaign, cancellationToken);
        var about = await subjects.AboutAsync(campaign, cancellationToken);
        if (campaign.Kind == MessageKinds.SessionReminder.Name && !Reminders.Holds(Instant(campaign.Parameters["startsAt"]),
            about.Session!.State, Instant(about.Session.StartsAt)))
        {
            await campaigns.WithdrawAsync(campaign.Id, "The session moved or was cancelled since: this reminder no longer holds.",
                cancellationToken);
            return;
        }
        var recipients = await subjects.RecipientsAsync(campaign, about, cancellationToken);
        var written = await messages.KeysAsync(campaign.Id, cancellationToken);
        var kind = MessageKinds.All[campaign.Kind];
        string Key(Guid member, string channel) => MemberKey(campaign, member, channel);
        var order = recipients.Select((member, index) => (Guid.Parse(member), index + 1)).ToDictionary();
        foreach (var part in recipients.Select(Guid.Parse).Chunk(ContactsPerCall))
        {
            var chosen = await preferences.OfMembersAsync(campaign.BodyId, part, cancellationToken);
            Preferences Of(Guid member) => chosen.GetValueOrDefault(member, Preferences.Default);
            // Each member by the channels they chose for this kind (none: nothing), skipping what the ledger already has.
            List<Guid> By(string channel) =>
                [.. part.Where(member => Of(member).ChannelsFor(kind).Contains(channel) && !written.Contains(Key(member, channel)))];
            var (byLetter, byEmail, bySms) = (By(Channels.Letter), By(Channels.Email), By(Channels.Sms));
            if (byLetter.Count + byEmail.Count + bySms.Count == 0)
            {
                continue;
            }
            var contacts = (await membership.GetContactsAsync(new GetContactsRequest
            {
                BodyId = campaign.BodyId,
                MemberIds = { byLetter.Union(byEmail).Union(bySms).Select(id => id.ToString()) },
            }, cancellationToken: cancellationToken)).Contacts.ToDictionary(contact => Guid.Parse(contact.MemberId));
            RenderedMessage? Rendered(Guid member) => Render(campaign, wordings, about, Of(member), contacts.GetValueOrDefault(member));
            await ledger.AddAsync(campaign.Id, Channels.Letter, [.. byLetter.Select(member => Post(campaign, kind, member,
                order[member], Rendered(member), contacts.GetValueOrDefault(member), Of(member)))], cancellationToken);
            var unsubscribe = await preferences.UnsubscribeTokensAsync(campaign.BodyId, campaign.Kind, byEmail, cancellationToken);
            await ledger.AddAsync(campaign.Id, Channels.Email, [.. byEmail.Select(member => Email(campaign, member, order[member],
                Rendered(member), about.Calendar, contacts.GetValueOrDefault(member), unsubscribe[member], Of(member)))],
                cancellationToken);
            await ledger.AddAsync(campaign.Id, Channels.Sms, [.. bySms.Select(member => Sms(campaign, member, order[member],
                Rendered(member), contacts.GetValueOrDefault(member), Of(member)))], cancellationToken);
        }
        await ledger.ReadyAsync(campaign, cancellationToken);
    }

    /// <summary>The wording in the member's language; null when the member's contact data is erased or unknown.</summary>
    private RenderedMessage? Render(Campaign campaign, Dictionary<string, MessageTemplate> wordings, CampaignSubject about,
        Preferences chosen, Contact? contact)
    {
        if (contact is null)
        {
            return null;
        }
        var space = $"{options.Value.PublicUrl.TrimEnd('/')}/{campaign.BodyId}/membres";
        var values = new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object>
            {
                ["givenName"] = contact.GivenName,
                ["familyName"] = contact.FamilyName,
                ["minor"] = contact.Minor,
                ["substitute"] = campaign.Parameters.GetValueOrDefault("substitute") == "true",
            },
            ["promotion"] = new Dictionary<string, object> { ["title"] = campaign.Parameters.GetValueOrDefault("promotion", "") },
            ["confirmation"] = new Dictionary<string, object>
            {
                ["deadline"] = campaign.Parameters.TryGetValue("confirmBy", out var deadline)
                    ? Languages.LongDate(DateOnly.FromDateTime(Paris(deadline).DateTime), chosen.Language)
                    : "",
            },
            ["links"] = new Dictionary<string, object>
            {
                ["space"] = space,
                ["answer"] = about.Session is { } convened ? $"{space}/convocations/{convened.Id}" : space,
                ["vote"] = about.Vote is { } voted ? $"{space}/votes/{voted.Id}" : space,
                ["preferences"] = $"{space}/preferences",
                // A published text has its public address; a draft is read in the members' space.
                ["document"] = about.Document switch
                {
                    { State: "published" } text =>
                        $"{options.Value.PublicUrl.TrimEnd('/')}/api/documents/bodies/{campaign.BodyId}/published/{text.Id}.html",
                    { } draft => $"{space}/documents/{draft.Id}",
                    null => space,
                },
            },
            ["change"] = new Dictionary<string, object>
            {
                ["kind"] = campaign.Parameters.GetValueOrDefault("change", ""),
                ["reason"] = campaign.Parameters.GetValueOrDefault("reason", ""),
            },
        };
        if (about.Session is { } session)
        {
            var (starts, ends) = (Paris(session.StartsAt), Paris(session.EndsAt));
            values["session"] = new Dictionary<string, object>
            {
                ["title"] = session.Title,
                ["date"] = Languages.LongDate(DateOnly.FromDateTime(starts.DateTime), chosen.Language),
                ["startTime"] = starts.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["endTime"] = ends.ToString("HH:mm", CultureInfo.InvariantCulture),
            };
        }
        if (about.Document is { } document)
        {
            values["document"] = new Dictionary<string, object> { ["title"] = document.Title, ["kind"] = document.Kind };
        }
        if (campaign.Parameters.TryGetValue("amendment", out var number))
        {
            values["amendment"] = new Dictionary<string, object> { ["number"] = number, ["section"] = campaign.Parameters["section"] };
        }
        if (about.Vote is { } vote)
        {
            values["vote"] = VoteValues(vote, chosen.Language);
        }
        return wordings[chosen.Language].Render(values);
    }

    /// <summary>The vote as its messages say it: the totals in the order of its options ("pour : 61, contre : 18").</summary>
    private static Dictionary<string, object> VoteValues(Vote vote, string language)
    {
        var colon = language == Languages.French ? " :" : ":";
        var totals = vote.Result is { } result
            ? string.Join(", ", vote.Options.Select(option => $"{option}{colon} {result.Totals.GetValueOrDefault(option)}"))
            : "";
        return new Dictionary<string, object>
        {
            ["question"] = vote.Question,
            ["options"] = string.Join(", ", vote.Options),
            ["decision"] = vote.Result?.Decision ?? "",
            ["winner"] = vote.Result?.Winner ?? "",
            ["totals"] = totals,
            ["cast"] = vote.Result?.Cast ?? 0,
        };
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static DateTimeOffset Paris(string instant) => TimeZoneInfo.ConvertTime(Instant(instant), Languages.Paris);
    private static string MemberKey(Campaign campaign, Guid member, string channel) =>
        Recipients.IdempotencyKey(campaign.SourceKey, Recipients.OfMember(member), campaign.Kind, channel);

    private NewMessage Email(Campaign campaign, Guid member, int sequence, RenderedMessage? rendered, string? calendar, Contact? contact,
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

    /// <summary>A letter to the member's postal address (or, for a minor's consent, to their parents or guardians there).</summary>
    private NewMessage Post(Campaign campaign, MessageKind kind, Guid member, int sequence, RenderedMessage? rendered, Contact? contact,
        Preferences chosen)
    {
        var (key, recipient) = (MemberKey(campaign, member, Channels.Letter), Recipients.OfMember(member));
        if (rendered is null || contact is null || contact.Address.Length == 0)
        {
            return new NewMessage(key, recipient, sequence, null, MessageStates.Failed,
                contact is null ? "The member's contact data is erased or unknown." : "No postal address is known for the member.");
        }
        var envelope = Letter.Envelope(contact.GivenName, contact.FamilyName, kind.ToGuardians, chosen.Language, contact.Address,
            contact.Postcode);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Languages.Paris).DateTime);
        var letter = new Letter(chosen.Language, letterOptions.Value.Sender, envelope, today, rendered.Subject, rendered.Body, null,
            null);
        return new NewMessage(key, recipient, sequence, JsonSerializer.Serialize(letter));
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

    /// <summary>What a campaign needs of a session's event: the session, and what changed and why.</summary>
    public static Dictionary<string, string> OfSession(Guid sessionId, string? change = null, string? reason = null) => new()
    {
        ["sessionId"] = sessionId.ToString(),
        ["change"] = change ?? "",
        ["reason"] = reason ?? "",
    };

    /// <summary>A reminder: the session and the start it reminds of (it is withdrawn if the session no longer starts then).</summary>
    public static Dictionary<string, string> OfReminder(Guid sessionId, DateTimeOffset startsAt) => new()
    {
        ["sessionId"] = sessionId.ToString(),
        ["startsAt"] = startsAt.ToString("O", CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string> OfDocument(Guid documentId) => new() { ["documentId"] = documentId.ToString() };

    /// <summary>An amendment to review: the draft, its number and section, and its author (who is not told of their own).</summary>
    public static Dictionary<string, string> OfAmendment(Guid documentId, int number, int section, string author) => new()
    {
        ["documentId"] = documentId.ToString(),
        ["amendment"] = number.ToString(CultureInfo.InvariantCulture),
        ["section"] = section.ToString(CultureInfo.InvariantCulture),
        ["author"] = author,
    };

    public static Dictionary<string, string> OfVote(Guid sessionId, Guid voteId) => new()
    {
        ["sessionId"] = sessionId.ToString(),
        ["voteId"] = voteId.ToString(),
    };

    /// <summary>A message to the members an event names (welcome, drawn).</summary>
    public static Dictionary<string, string> OfMembers(IEnumerable<Guid> members) => new()
    {
        ["members"] = string.Join(',', members),
    };

    /// <summary>Drawn members' news: the promotion, whether they take a seat as substitutes, and when to confirm by.</summary>
    public static Dictionary<string, string> OfDrawnMembers(IEnumerable<Guid> members, bool substitutes, string promotion,
        DateTimeOffset confirmBy) => new(OfMembers(members))
        {
            ["substitute"] = substitutes ? "true" : "false",
            ["promotion"] = promotion,
            ["confirmBy"] = confirmBy.ToString("O", CultureInfo.InvariantCulture),
        };
}
