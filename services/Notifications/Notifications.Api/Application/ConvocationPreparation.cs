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
/// Writes one convocation e-mail per member a session's convocation stands for: who, from sessions; how to reach them, from
/// membership at this moment (logged there, kept only in the message until its content is erased); the calendar file, from
/// sessions. A member without an e-mail address gets a message failed from the start, so that the secretariat sees it.
/// </summary>
public sealed class ConvocationPreparation(
    Sessions.SessionsClient sessions, MemberContacts.MemberContactsClient membership, CampaignLedger ledger, MessageStore messages,
    Templates templates, IOptions<MailOptions> options)
{
    private const int ContactsPerCall = 1000;

    public async Task PrepareAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var template = await templates.VersionAsync(campaign.BodyId, campaign.Kind, campaign.Language, campaign.TemplateVersion,
            cancellationToken);
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
        var written = await messages.RecipientsAsync(campaign.Id, cancellationToken);
        var pending = invited.Where(member => !written.Contains(Recipients.OfMember(Guid.Parse(member)))).ToList();
        foreach (var (part, index) in pending.Chunk(ContactsPerCall).Select((part, index) => (part, index)))
        {
            var contacts = (await membership.GetContactsAsync(new GetContactsRequest { BodyId = campaign.BodyId, MemberIds = { part } },
                cancellationToken: cancellationToken)).Contacts.ToDictionary(contact => contact.MemberId);
            var chunk = part.Select((member, offset) => Message(campaign, template, session, calendar, member,
                contacts.GetValueOrDefault(member), index * ContactsPerCall + offset)).ToList();
            await ledger.AddAsync(campaign.Id, Channels.Email, chunk, cancellationToken);
        }
        await ledger.ReadyAsync(campaign.Id, _ => Task.FromResult(invited.Count), cancellationToken);
    }

    private NewMessage Message(Campaign campaign, MessageTemplate template, Session session, string calendar, string memberId,
        Contact? contact, int sequence)
    {
        var recipient = Recipients.OfMember(Guid.Parse(memberId));
        var key = Recipients.IdempotencyKey(campaign.SourceKey, recipient, campaign.Kind, Channels.Email);
        if (contact is null || contact.Email.Length == 0)
        {
            return new NewMessage(key, recipient, sequence + 1, null, MessageStates.Failed,
                contact is null ? "The member's contact data is erased or unknown." : "The member gave no e-mail address.");
        }
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(session.StartsAt, CultureInfo.InvariantCulture), Languages.Paris);
        var ends = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(session.EndsAt, CultureInfo.InvariantCulture), Languages.Paris);
        var links = $"{options.Value.PublicUrl.TrimEnd('/')}/{campaign.BodyId}/membres";
        var rendered = template.Render(new Dictionary<string, object>
        {
            ["member"] = new Dictionary<string, object> { ["givenName"] = contact.GivenName },
            ["session"] = new Dictionary<string, object>
            {
                ["title"] = session.Title,
                ["date"] = Languages.LongDate(DateOnly.FromDateTime(starts.DateTime), campaign.Language),
                ["startTime"] = starts.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["endTime"] = ends.ToString("HH:mm", CultureInfo.InvariantCulture),
            },
            ["links"] = new Dictionary<string, object>
            {
                ["answer"] = $"{links}/convocations/{session.Id}",
                ["preferences"] = $"{links}/preferences",
            },
        });
        var email = new EmailMessage(contact.Email, $"{contact.GivenName} {contact.FamilyName}".Trim(), rendered.Subject, rendered.Body,
            calendar, "seance.ics", $"{links}/preferences?unsubscribe={campaign.Kind}");
        return new NewMessage(key, recipient, sequence + 1, JsonSerializer.Serialize(email));
    }

    /// <summary>What the campaign needs of SessionConvened: the session.</summary>
    public static Dictionary<string, string> Parameters(Guid sessionId) => new() { ["sessionId"] = sessionId.ToString() };
}
