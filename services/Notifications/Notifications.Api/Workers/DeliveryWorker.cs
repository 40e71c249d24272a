using Assemblee.Common.Data;
using Assemblee.Notifications.Application;

namespace Assemblee.Notifications.Workers;

/// <summary>Sends what is due every second, e-mails then SMS, batch after batch while there is more.</summary>
public sealed class DeliveryWorker(DatabaseMigrator migrator, EmailDelivery emails, SmsDelivery sms, ILogger<DeliveryWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(1), logger)
{
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await emails.SendDueAsync(cancellationToken) + await sms.SendDueAsync(cancellationToken) > 0)
        {
        }
    }
}
