using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sortition;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Grpc;
using Npgsql;

namespace Assemblee.Membership.Messaging;

/// <summary>
/// The drawn people enter the draw's promotion as drawn, once: the inbox skips a redelivery, and a member row per
/// respondent is unique. The event names them by pseudonymous id; their contact details are read from sortition.
/// </summary>
public sealed class PanelDrawnConsumer(
    NpgsqlDataSource dataSource, MemberLifecycle members, DrawnPeopleReader sortition, TimeProvider time,
    ILogger<PanelDrawnConsumer> logger)
    : IdempotentConsumer<PanelDrawn>(dataSource)
{
    protected override async Task HandleAsync(PanelDrawn message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var people = await sortition.ReadAsync(message.BodyId, message.DrawId, message.Members.Select(seat => seat.RespondentId),
            cancellationToken);
        var seats = message.Members.GroupBy(member => member.SeatGroup).ToDictionary(group => group.Key, group => group.Count());
        var promotion = await PromotionStore.ForDrawAsync(transaction, message.DrawId, message.BodyId, message.Title, seats,
            time.GetUtcNow(), cancellationToken);
        await members.EnterAsync(transaction, promotion,
            message.Members.Where(seat => people.ContainsKey(seat.RespondentId)).Select(seat => people[seat.RespondentId]),
            substitutes: false, cancellationToken);
        if (people.Count < message.Members.Count)
        {
            // A member replaced and erased before this (late) delivery: their substitute's own event enters the seat.
            logger.LogWarning("Draw {DrawId}: sortition no longer holds {Missing} of the drawn people; they are not entered",
                message.DrawId, message.Members.Count - people.Count);
        }
    }
}
