using Npgsql;

namespace Assemblee.Common.Data;

/// <summary>A PostgreSQL advisory lock held until the transaction ends: serialises work on one thing that has no row to lock yet.</summary>
public static class AdvisoryLock
{
    public static async Task TakeAsync(NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", transaction.Connection,
            transaction);
        await command.With(key).ExecuteNonQueryAsync(cancellationToken);
    }
}
