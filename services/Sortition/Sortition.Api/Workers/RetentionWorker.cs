using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Sortition.Workers;

/// <summary>
/// Erases personal data on schedule: the letter data of invitees who did not answer, once the response deadline has
/// passed; the contact data of respondents not selected, once the substitute list has expired. Pseudonymous ids and
/// declared profiles stay: the public draw record is made of them.
/// </summary>
public sealed class RetentionWorker(NpgsqlDataSource dataSource, DatabaseMigrator migrator, IConfiguration configuration,
    ILogger<RetentionWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(configuration.GetValue("Retention:IntervalSeconds", 3600)), logger)
{
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE invitations i SET family_name = NULL, given_name = NULL, birth_date = NULL, address = NULL, postcode = NULL,
                                     erased_at = now()
            FROM draws d
            WHERE d.id = i.draw_id AND i.erased_at IS NULL AND (d.specification->>'responseDeadline')::timestamptz < now()
              AND NOT EXISTS (SELECT 1 FROM respondents r WHERE r.invitation_id = i.id)
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE invitations i SET family_name = NULL, given_name = NULL, birth_date = NULL, address = NULL, postcode = NULL,
                                     erased_at = now()
            FROM respondents r JOIN draws d ON d.id = r.draw_id
            WHERE r.invitation_id = i.id AND i.erased_at IS NULL AND r.status <> 'selected'
              AND (d.specification->>'substitutesValidUntil')::date < current_date
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE respondents r SET email = NULL, phone = NULL
            FROM draws d
            WHERE d.id = r.draw_id AND r.status <> 'selected' AND (r.email IS NOT NULL OR r.phone IS NOT NULL)
              AND (d.specification->>'substitutesValidUntil')::date < current_date
            """));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
