using System.Globalization;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
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

    /// <summary>
    /// Every message is written: the campaign is ready, with, for a kind sent by post, the print shop's batch file of its
    /// letters in print order, in the same transaction.
    /// </summary>
    public async Task ReadyAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (MessageKinds.All[campaign.Kind].Channel == Channels.Letter)
        {
            var letters = await MessageStore.LettersAsync(transaction, campaign.Id, cancellationToken);
            if (letters.Count > 0)
            {
                var title = string.Create(CultureInfo.InvariantCulture, $"{campaign.Title} — {letters.Count} letters");
                await LetterBatchStore.SaveAsync(transaction, campaign.Id, letters.Count, LetterPdf.Write(letters, title),
                    cancellationToken);
            }
        }
        var messages = await MessageStore.CountAsync(transaction, campaign.Id, cancellationToken);
        await CampaignStore.MarkReadyAsync(transaction, campaign.Id, messages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
