using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Assemblee.Common.Data;

/// <summary>Migrates at start-up, retrying while the database is not reachable yet (a pod may start before it).</summary>
internal sealed partial class MigrationHostedService(DatabaseMigrator migrator, ILogger<MigrationHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migrator.MigrateAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                LogRetry(ex.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready ({Reason}); retrying in {Delay}")]
    private partial void LogRetry(string reason, TimeSpan delay);
}
