using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Application;

/// <summary>Letters carry names and addresses: each download is logged (who, which campaign, how many people).</summary>
public sealed class LetterReading(CampaignStore campaigns, MessageStore messages, LetterBatchStore batches, PersonalDataLog log)
{
    public async Task<byte[]> LetterAsync(string bodyId, Guid campaignId, Guid messageId, string actor, CancellationToken cancellationToken)
    {
        var campaign = await CampaignAsync(bodyId, campaignId, cancellationToken);
        var letter = await messages.LetterAsync(campaignId, messageId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Campaign {campaignId} has no letter {messageId}, or its content was erased.");
        await log.WriteAsync(new PersonalDataAccess(bodyId, campaignId.ToString(), actor, "letter", 1), null, cancellationToken);
        return LetterPdf.Write([letter], campaign.Title);
    }

    public async Task<byte[]> BatchAsync(string bodyId, Guid campaignId, string actor, CancellationToken cancellationToken)
    {
        _ = await CampaignAsync(bodyId, campaignId, cancellationToken);
        var batch = await batches.FindAsync(campaignId, cancellationToken);
        var file = batch is null ? null : await batches.FileAsync(campaignId, cancellationToken);
        if (batch is null || file is null)
        {
            throw RuleViolation.NotFound($"Campaign {campaignId} has no batch file: not ready yet, or erased.");
        }
        await log.WriteAsync(new PersonalDataAccess(bodyId, campaignId.ToString(), actor, "letter batch", batch.Letters), null,
            cancellationToken);
        return file;
    }

    private async Task<Campaign> CampaignAsync(string bodyId, Guid campaignId, CancellationToken cancellationToken) =>
        await campaigns.FindAsync(bodyId, campaignId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no campaign {campaignId}.");
}
