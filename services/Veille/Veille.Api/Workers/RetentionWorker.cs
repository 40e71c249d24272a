using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Veille.Workers;

/// <summary>
/// Erases on schedule who acted, once it no longer serves the bodies' audit: a year (Veille:Retention:Days) after a question
/// is settled (closed, inadmissible, merged), its drafter's and every actor's account give way to the body or office they
/// acted for; notes and follows forget their author after the same time. The register never showed them.
/// </summary>
public sealed class RetentionWorker(NpgsqlDataSource dataSource, DatabaseMigrator migrator, IConfiguration configuration,
    ILogger<RetentionWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(configuration.GetValue("Retention:IntervalSeconds", 3600)), logger)
{
    private readonly int _days = configuration.GetValue("Veille:Retention:Days", 365);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        const string Settled = """
            SELECT id FROM questions WHERE state IN ('closed', 'inadmissible', 'merged') AND updated_at < now() - make_interval(days => $1)
            """;
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"UPDATE questions SET drafted_by = body_id WHERE drafted_by <> body_id AND id IN ({Settled})").With(_days));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"UPDATE question_events SET actor = acting_as WHERE actor <> acting_as AND question_id IN ({Settled})").With(_days));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"UPDATE answers SET answered_by = answered_as WHERE answered_by <> answered_as AND question_id IN ({Settled})").With(_days));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE notes SET written_by = body_id WHERE written_by <> body_id AND written_at < now() - make_interval(days => $1)
            """).With(_days));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE follows SET followed_by = body_id WHERE followed_by <> body_id AND followed_at < now() - make_interval(days => $1)
            """).With(_days));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
