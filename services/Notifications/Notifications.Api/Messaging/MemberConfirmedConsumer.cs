using Assemblee.Common.Messaging;
using Assemblee.Contracts.Membership;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Messaging;

/// <summary>A drawn member confirmed their seat: they are welcomed (once, however often the event arrives).</summary>
public sealed class MemberConfirmedConsumer(NpgsqlDataSource dataSource, CampaignOpening opening)
    : IdempotentConsumer<MemberConfirmed>(dataSource)
{
    protected override Task HandleAsync(MemberConfirmed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        opening.OpenAsync(transaction, message.BodyId, MessageKinds.Welcome, $"membership.member-confirmed:{message.MemberId}",
            $"welcome {message.MemberId}", MemberMessagePreparation.OfMember(message.MemberId, message.Minor), Languages.French,
            cancellationToken);
}
