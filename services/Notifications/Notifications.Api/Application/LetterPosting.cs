using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Notifications;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Application;

/// <summary>
/// What the secretariat says of a batch: printed by the print shop, then posted; posting sends every queued letter of it
/// (MessageDelivered for each, in the same transaction).
/// </summary>
public sealed class LetterPosting(NpgsqlDataSource dataSource, CampaignStore campaigns, LetterBatchStore batches, Outbox outbox)
{
    public async Task<LetterBatch> MarkPrintedAsync(string bodyId, Guid campaignId, string actor, CancellationToken cancellationToken)
    {
        await BatchAsync(bodyId, campaignId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LetterBatchStore.MarkPrintedAsync(transaction, campaignId, actor, cancellationToken))
        {
            throw RuleViolation.Conflict("already-printed", "Already printed", "This batch is already marked printed.");
        }
        await transaction.CommitAsync(cancellationToken);
        return await BatchAsync(bodyId, campaignId, cancellationToken);
    }

    public async Task<LetterBatch> MarkPostedAsync(string bodyId, Guid campaignId, string actor, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(bodyId, campaignId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no campaign {campaignId}.");
        var batch = await BatchAsync(bodyId, campaignId, cancellationToken);
        if (batch.PostedAt is not null)
        {
            throw RuleViolation.Conflict("already-posted", "Already posted", "This batch is already marked posted.");
        }
        if (batch.PrintedAt is null)
        {
            throw RuleViolation.Conflict("not-printed", "Not printed",
                "A batch is posted once the print shop has printed it: mark it printed first.");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LetterBatchStore.MarkPostedAsync(transaction, campaignId, actor, cancellationToken))
        {
            throw RuleViolation.Conflict("already-posted", "Already posted", "This batch is already marked posted.");
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, recipient) in await MessageStore.MarkLettersSentAsync(transaction, campaignId, cancellationToken))
        {
            await outbox.AddAsync(new MessageDelivered(id, campaignId, bodyId, campaign.Kind, Channels.Letter, recipient, now), transaction,
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return await BatchAsync(bodyId, campaignId, cancellationToken);
    }

    private async Task<LetterBatch> BatchAsync(string bodyId, Guid campaignId, CancellationToken cancellationToken) =>
        await campaigns.FindAsync(bodyId, campaignId, cancellationToken) is not null
            && await batches.FindAsync(campaignId, cancellationToken) is { } batch
            ? batch
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no letter batch for campaign {campaignId} (yet).");
}
