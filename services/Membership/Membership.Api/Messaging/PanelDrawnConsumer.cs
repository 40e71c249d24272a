using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sortition;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Npgsql;

namespace Assemblee.Membership.Messaging;

/// <summary>The drawn people enter the draw's promotion as drawn, once: the inbox skips a redelivery, and a member row per respondent is unique.</summary>
public sealed class PanelDrawnConsumer(NpgsqlDataSource dataSource, MemberLifecycle members, TimeProvider time) : IdempotentConsumer<PanelDrawn>(dataSource)
{
    protected override async Task HandleAsync(PanelDrawn message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var seats = message.Members.GroupBy(member => member.SeatGroup).ToDictionary(group => group.Key, group => group.Count());
        var promotion = await PromotionStore.ForDrawAsync(transaction, message.DrawId, message.BodyId, message.Title, seats, time.GetUtcNow(), cancellationToken);
        foreach (var person in message.Members)
        {
            await members.EnterAsync(transaction, promotion, person, "drawn", cancellationToken);
        }
    }
}
