using Assemblee.Common.Messaging;
using Assemblee.Contracts.Notifications;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assemblee.Notifications.Application;

/// <summary>
/// What becomes of a message a channel tried to send, in the sender's transaction, whatever the channel: sent, with
/// MessageDelivered; tried again later with a growing wait; or failed for good (bounced when the address refused it), with
/// MessageFailed.
/// </summary>
public sealed class DeliveryOutcomes(Outbox outbox, IOptions<MailOptions> options)
{
    public async Task SentAsync(NpgsqlTransaction transaction, DueMessage message, CancellationToken cancellationToken)
    {
        await DeliveryStore.MarkSentAsync(transaction, message.Id, cancellationToken);
        await outbox.AddAsync(new MessageDelivered(message.Id, message.CampaignId, message.BodyId, message.Kind, message.Channel,
            message.Recipient, DateTimeOffset.UtcNow), transaction, cancellationToken);
    }

    public async Task PostponeOrFailAsync(NpgsqlTransaction transaction, DueMessage message, string error,
        CancellationToken cancellationToken)
    {
        if (DeliveryRetry.After(message.Attempts + 1, TimeSpan.FromSeconds(options.Value.FirstRetrySeconds)) is { } wait)
        {
            await DeliveryStore.PostponeAsync(transaction, message.Id, wait, error, cancellationToken);
            return;
        }
        await FailAsync(transaction, message, MessageStates.Failed, $"Given up after {DeliveryRetry.MaxAttempts} attempts: {error}",
            cancellationToken);
    }

    public async Task FailAsync(NpgsqlTransaction transaction, DueMessage message, string state, string error,
        CancellationToken cancellationToken)
    {
        await DeliveryStore.FailAsync(transaction, message.Id, state, error, cancellationToken);
        await outbox.AddAsync(new MessageFailed(message.Id, message.CampaignId, message.BodyId, message.Kind, message.Channel,
            message.Recipient, state == MessageStates.Bounced, error, DateTimeOffset.UtcNow), transaction, cancellationToken);
    }
}
