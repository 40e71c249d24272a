using Assemblee.Common.Messaging;
using Assemblee.Contracts.Membership;
using Assemblee.Sessions.Application;
using Npgsql;

namespace Assemblee.Sessions.Messaging;

/// <summary>A confirmed member is active: invited to the convened sessions of their promotion that have not started.</summary>
public sealed class MemberConfirmedConsumer(NpgsqlDataSource dataSource,
    RosterUpdates roster) : IdempotentConsumer<MemberConfirmed>(dataSource)
{
    protected override Task HandleAsync(MemberConfirmed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        roster.ActivateAsync(transaction, message.BodyId, message.PromotionId, message.MemberId, cancellationToken);
}

/// <summary>A member who left is withdrawn from the sessions that have not started.</summary>
public sealed class MemberLeftConsumer(NpgsqlDataSource dataSource, RosterUpdates roster) : IdempotentConsumer<MemberLeft>(dataSource)
{
    protected override Task HandleAsync(MemberLeft message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        roster.LeaveAsync(transaction, message.BodyId, message.PromotionId, message.MemberId, cancellationToken);
}

/// <summary>A member who joins an atelier is invited to its coming meetings, and withdrawn from their former atelier's.</summary>
public sealed class MemberJoinedGroupConsumer(NpgsqlDataSource dataSource,
    RosterUpdates roster) : IdempotentConsumer<MemberJoinedGroup>(dataSource)
{
    protected override Task HandleAsync(MemberJoinedGroup message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        roster.JoinAtelierAsync(transaction, message.BodyId, message.PromotionId, message.MemberId, message.AtelierId, cancellationToken);
}
