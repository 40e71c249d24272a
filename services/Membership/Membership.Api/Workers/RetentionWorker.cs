using Assemblee.Common.Data;
using Assemblee.Membership.Data;
using Npgsql;

namespace Assemblee.Membership.Workers;

/// <summary>
/// Erases members' contact data on schedule: a retention period after the end of the mandate for everyone, and a
/// shorter one after leaving for those who declined, missed the deadline or resigned. What the public roster and the
/// history need (given name, initial, arrondissement, ids) stays.
/// </summary>
public sealed class RetentionWorker(NpgsqlDataSource dataSource, DatabaseMigrator migrator, IConfiguration configuration,
    ILogger<RetentionWorker> logger)
    : PeriodicDatabaseJob(migrator, TimeSpan.FromSeconds(configuration.GetValue("Retention:IntervalSeconds", 3600)), logger)
{
    private readonly int _afterMandateDays = configuration.GetValue("Retention:AfterMandateDays", 365);
    private readonly int _afterLeavingDays = configuration.GetValue("Retention:AfterLeavingDays", 90);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var erase = dataSource.CreateCommand("""
            WITH expired AS (
                UPDATE members m SET family_name = NULL, birth_date = NULL, address = NULL, postcode = NULL, email = NULL, phone = NULL,
                                     erased_at = now()
                FROM promotions p
                WHERE p.id = m.promotion_id AND m.erased_at IS NULL
                  AND (p.mandate_end + $1::int < current_date
                       OR (m.state IN ('declined', 'deadline-missed', 'resigned') AND m.left_at + make_interval(days => $2::int) < now()))
                RETURNING m.id)
            UPDATE consents c SET guardian_name = NULL FROM expired WHERE c.member_id = expired.id
            """);
        await erase.With(_afterMandateDays, _afterLeavingDays).ExecuteNonQueryAsync(cancellationToken);
    }
}
