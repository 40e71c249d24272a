using Assemblee.Notifications.Data;
using Npgsql;

namespace Assemblee.Notifications.Application;

/// <summary>How a campaign's preparation writes the ledger: chunk by chunk, each in its own transaction, so that a stopped
/// service loses at most one chunk and resumes from what is written.</summary>
public sealed class CampaignLedger(NpgsqlDataSource dataSource)
{
    public async Task AddAsync(Guid campaignId, string channel, List<NewMessage> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await MessageStore.AddAsync(transaction, campaignId, channel, chunk, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        chunk.Clear();
    }

    /// <summary>Every message is written: the campaign is ready, after <paramref name="finish"/> (a letter batch…) in the same
    /// transaction.</summary>
    public async Task ReadyAsync(Guid campaignId, Func<NpgsqlTransaction, Task<int>> finish, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var messages = await finish(transaction);
        await CampaignStore.MarkReadyAsync(transaction, campaignId, messages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
