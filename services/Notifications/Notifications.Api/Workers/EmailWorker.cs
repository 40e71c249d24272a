using Assemblee.Common.Data;
using Assemblee.Notifications.Application;

namespace Assemblee.Notifications.Workers;

/// <summary>Sends what is due every second, batch after batch while there is more.</summary>
public sealed class EmailWorker(DatabaseMigrator migrator, EmailDelivery delivery, ILogger<EmailWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(1), logger)
{
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await delivery.SendDueAsync(cancellationToken) > 0)
        {
        }
    }
}
