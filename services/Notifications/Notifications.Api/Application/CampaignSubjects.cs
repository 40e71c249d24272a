using Assemblee.Contracts.Documents.V1;
using Assemblee.Contracts.Membership.V1;
using Assemblee.Contracts.Sessions.V1;
using Assemblee.Notifications.Domain;
using Grpc.Core;
using Document = Assemblee.Contracts.Documents.V1.Document;
using DocumentsClient = Assemblee.Contracts.Documents.V1.Documents.DocumentsClient;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Notifications.Application;

/// <summary>What a member campaign's messages speak of: the session (with its calendar file), the vote, the document.</summary>
public sealed record CampaignSubject(Session? Session, string? Calendar, Vote? Vote, Document? Document);

/// <summary>
/// Reads, at preparation time, what a campaign speaks of and whom it goes to: the members an event names, the members a
/// session's convocation stands for (from sessions), the active members of a published document's promotion or the other
/// writers of a draft an amendment is proposed to (from documents, then membership). Each service answers notifications' own credential.
/// </summary>
public sealed class CampaignSubjects(Sessions.SessionsClient sessions, DocumentsClient documents, MembershipClient membership)
{
    /// <summary>The kinds whose e-mails carry the session's calendar file.</summary>
    private static readonly HashSet<string> WithCalendar =
    [
        MessageKinds.Convocation.Name, MessageKinds.SessionChange.Name, MessageKinds.SessionCancellation.Name,
        MessageKinds.SessionReminder.Name,
    ];

    public async Task<CampaignSubject> AboutAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        if (campaign.Parameters.TryGetValue("documentId", out var documentId))
        {
            var document = await documents.GetDocumentAsync(new GetDocumentRequest { BodyId = campaign.BodyId, DocumentId = documentId },
                cancellationToken: cancellationToken);
            return new CampaignSubject(null, null, null, document);
        }
        if (!campaign.Parameters.TryGetValue("sessionId", out var sessionId))
        {
            return new CampaignSubject(null, null, null, null);
        }
        var request = new GetSessionRequest { BodyId = campaign.BodyId, SessionId = sessionId };
        var session = await sessions.GetSessionAsync(request, cancellationToken: cancellationToken);
        var calendar = WithCalendar.Contains(campaign.Kind)
            ? (await sessions.GetSessionCalendarAsync(request, cancellationToken: cancellationToken)).Ics
            : null;
        var vote = campaign.Parameters.TryGetValue("voteId", out var voteId)
            ? await sessions.GetVoteAsync(new GetVoteRequest { BodyId = campaign.BodyId, VoteId = voteId },
                cancellationToken: cancellationToken)
            : null;
        return new CampaignSubject(session, calendar, vote, null);
    }

    /// <summary>The members the campaign goes to, in the order their messages are written.</summary>
    public async Task<List<string>> RecipientsAsync(Campaign campaign, CampaignSubject about, CancellationToken cancellationToken)
    {
        if (campaign.Parameters.TryGetValue("members", out var named))
        {
            return [.. named.Split(',')];
        }
        if (about.Document is { } document)
        {
            // A published text goes to its whole promotion; an amendment to the draft's writers (its atelier's members, or the
            // promotion's when it has none) other than its author. A draw's procès-verbal has no promotion yet.
            var author = campaign.Parameters.GetValueOrDefault("author");
            return document.PromotionId.Length == 0
                ? []
                : [.. (await ActiveMembersAsync(document.PromotionId, author is null ? "" : document.AtelierId, cancellationToken))
                    .Where(member => member != author)];
        }
        var convoked = new List<string>();
        using var call = sessions.ListConvocations(new ListConvocationsRequest { BodyId = campaign.BodyId, SessionId = about.Session!.Id },
            cancellationToken: cancellationToken);
        await foreach (var convocation in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            convoked.Add(convocation.MemberId);
        }
        return convoked;
    }

    private async Task<List<string>> ActiveMembersAsync(string promotionId, string atelierId, CancellationToken cancellationToken)
    {
        var active = new List<string>();
        var request = new ListMembersRequest { PromotionId = promotionId, AtelierId = atelierId, State = "active" };
        using var call = membership.ListMembers(request, cancellationToken: cancellationToken);
        await foreach (var member in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            active.Add(member.Id);
        }
        return active;
    }
}
