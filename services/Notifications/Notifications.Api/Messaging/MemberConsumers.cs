using Assemblee.Common.Messaging;
using Assemblee.Contracts.Membership;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>
/// The people of a final draw (or a designated substitute) entered the promotion: each gets the official letter, in one print
/// batch for the draw, and an e-mail saying so; the parents or guardians of the minors among them, a letter asking for their
/// consent. Once, however often the event arrives. Membership's event rather than sortition's PanelDrawn, because the
/// messages go to members (their preferences, their contact data in membership), whom membership has entered by then.
/// </summary>
public sealed class MembersDrawnConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<MembersDrawn>(dataSource)
{
    protected override async Task HandleAsync(MembersDrawn message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var source = $"membership.members-drawn:{message.PromotionId}:{message.Members[0]}";
        var title = message.Substitutes ? $"{message.PromotionTitle} — substitute" : message.PromotionTitle;
        Dictionary<string, string> To(IReadOnlyList<Guid> members) => MemberMessagePreparation.OfDrawnMembers(members,
            message.Substitutes, message.PromotionTitle, message.ConfirmationDeadline);
        await opening.OpenAsync(transaction, message.BodyId, MessageKinds.DrawnLetter, $"{source}:letter", title, To(message.Members),
            Languages.French, cancellationToken);
        await opening.OpenAsync(transaction, message.BodyId, MessageKinds.Drawn, $"{source}:e-mail", title, To(message.Members),
            Languages.French, cancellationToken);
        if (message.Minors.Count > 0)
        {
            await opening.OpenAsync(transaction, message.BodyId, MessageKinds.ConsentRequest, $"{source}:consent", title,
                To(message.Minors), Languages.French, cancellationToken);
        }
    }
}

/// <summary>A drawn member confirmed their seat: they are welcomed (once, however often the event arrives).</summary>
public sealed class MemberConfirmedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<MemberConfirmed>(dataSource)
{
    protected override Task HandleAsync(MemberConfirmed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.Welcome, $"membership.member-confirmed:{message.MemberId}",
            $"welcome {message.MemberId}", MemberMessagePreparation.OfMembers([message.MemberId]), Languages.French,
            cancellationToken);
}
