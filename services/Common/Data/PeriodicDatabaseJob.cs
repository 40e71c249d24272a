using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assemblee.Common.Data;

/// <summary>
/// Runs a database job at start-up (once the migrations are applied) and then every <paramref name="interval"/>;
/// a database that is briefly unreachable only delays it to the next tick.
/// </summary>
public abstract class PeriodicDatabaseJob(DatabaseMigrator migrator, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.WhenCompleted.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "{Job} failed; retried in {Interval}", GetType().Name, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public abstract Task RunOnceAsync(CancellationToken cancellationToken);
}
