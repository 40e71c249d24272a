using Assemblee.Common.Data;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Domain;
using Grpc.Core;

namespace Assemblee.Notifications.Workers;

/// <summary>
/// Prepares the campaigns still preparing, oldest first: those just opened and those a stopped service left half done, which
/// resume where the ledger stops. A service the campaign reads from (sortition, sessions, documents, membership, veille)
/// failing only delays it to the next tick; one answering that what the campaign speaks of does not exist withdraws it, with
/// the reason.
/// One replica prepares at a time in practice; two would only repeat work, since every message's key is unique.
/// </summary>
public sealed class CampaignWorker(
    DatabaseMigrator migrator, CampaignStore campaigns, InvitationLetterPreparation invitations, MemberMessagePreparation members,
    MailboxMessagePreparation mailboxes, ILogger<CampaignWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(2), logger)
{
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var campaign in await campaigns.PreparingAsync(cancellationToken))
        {
            try
            {
                var preparation = campaign.Kind == MessageKinds.Invitation.Name ? invitations.PrepareAsync(campaign, cancellationToken)
                    : MessageKinds.All[campaign.Kind].Audience != Audience.Members ? mailboxes.PrepareAsync(campaign, cancellationToken)
                    : members.PrepareAsync(campaign, cancellationToken);
                await preparation;
                logger.LogInformation("Campaign {Campaign} ({Kind}) of {Body} is ready", campaign.Id, campaign.Kind, campaign.BodyId);
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
            {
                // What the campaign speaks of is gone (a session or a draw erased since the event): waiting cannot help.
                await campaigns.WithdrawAsync(campaign.Id, $"What this campaign speaks of no longer exists: {error.Status.Detail}",
                    cancellationToken);
                logger.LogWarning("Campaign {Campaign} ({Kind}) of {Body} withdrawn: {Status}", campaign.Id, campaign.Kind,
                    campaign.BodyId, error.StatusCode);
            }
            catch (RpcException error)
            {
                logger.LogWarning("Campaign {Campaign} waits for another service ({Status}); retried in two seconds", campaign.Id,
                    error.StatusCode);
            }
        }
    }
}
