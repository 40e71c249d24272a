using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Notifications.Workers;

/// <summary>
/// Erases on schedule what a message carried (names, addresses, e-mail addresses, codes, wording) once it no longer serves:
/// Notifications:Retention:ContentDays (90 by default) after it was sent, failed or bounced, and a posted batch's file as
/// long after its posting. The ledger keeps each message's key, pseudonymous recipient, state and dates.
/// </summary>
public sealed class RetentionWorker(NpgsqlDataSource dataSource, DatabaseMigrator migrator, IConfiguration configuration,
    ILogger<RetentionWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(configuration.GetValue("Retention:IntervalSeconds", 3600)), logger)
{
    private readonly double _days = configuration.GetValue("Notifications:Retention:ContentDays", 90.0);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE messages SET content = NULL, content_erased_at = now()
            WHERE content IS NOT NULL AND state <> 'queued'
              AND coalesce(sent_at, created_at) < now() - make_interval(secs => $1 * 86400)
            """).With(_days));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE letter_batches SET file = NULL WHERE file IS NOT NULL AND posted_at < now() - make_interval(secs => $1 * 86400)
            """).With(_days));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
