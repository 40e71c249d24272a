using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assemblee.Common.Data;

/// <summary>
/// Applies the versioned SQL scripts embedded in a service (resources ending in .sql under a Migrations folder),
/// in name order, each in its own transaction. A session advisory lock makes concurrent replicas wait for the
/// first one; an applied script whose text has changed stops the start-up rather than drifting silently.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, Assembly migrationsAssembly, ILogger<DatabaseMigrator> logger)
{
    private const long AdvisoryLockKey = 0x417373656d626c65; // "Assemble"

    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Completed => _completed.Task.IsCompleted;

    /// <summary>Completes once the schema is up to date; work on the database waits for it.</summary>
    public Task WhenCompleted => _completed.Task;

    public static IReadOnlyList<(string Version, string Sql)> ScriptsOf(Assembly assembly) =>
    [
        .. PlatformScripts(),
        .. assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => (Version: VersionOf(name), Sql: Read(assembly, name)))
            .OrderBy(script => script.Version, StringComparer.Ordinal),
    ];

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = new Dictionary<string, string>();
            await using (var read = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetString(0)] = reader.GetString(1);
                }
            }

            foreach (var (version, sql) in ScriptsOf(migrationsAssembly))
            {
                var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                if (applied.TryGetValue(version, out var appliedChecksum))
                {
                    if (appliedChecksum != checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {version} was changed after it was applied; add a new migration instead.");
                    }
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)",
                    connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = version });
                    record.Parameters.Add(new NpgsqlParameter { Value = checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                LogApplied(version);
            }
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
        _completed.TrySetResult();
    }

    /// <summary>The last migration applied to the database, or null before the first.</summary>
    public async Task<string?> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version FROM schema_migrations WHERE version NOT LIKE 'platform/%' ORDER BY version DESC LIMIT 1");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>"Assemblee.Sortition.Data.Migrations.0001_initial.sql" becomes "0001_initial".</summary>
    private static string VersionOf(string resourceName)
    {
        var withoutExtension = resourceName[..^".sql".Length];
        return withoutExtension[(withoutExtension.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Tables every service has: the outbox and the inbox of the messaging platform.</summary>
    private static IEnumerable<(string, string)> PlatformScripts() => ScriptsOfPlatform.Value;

    private static readonly Lazy<IReadOnlyList<(string, string)>> ScriptsOfPlatform = new(() =>
    [
        .. typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => ("platform/" + VersionOf(name), Read(typeof(DatabaseMigrator).Assembly, name)))
            .OrderBy(script => script.Item1, StringComparer.Ordinal),
    ]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version}")]
    private partial void LogApplied(string version);
}
