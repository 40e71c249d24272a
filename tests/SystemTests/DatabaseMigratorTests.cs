using Assemblee.Common.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assemblee.SystemTests;

/// <summary>The SQL migrations every service runs at start-up, on scratch databases of the system's PostgreSQL.</summary>
[Collection(SystemCollection.Name)]
public sealed class DatabaseMigratorTests(SystemFixture system)
{
    [Fact]
    public async Task Replicas_starting_together_apply_each_migration_exactly_once()
    {
        await using var dataSource = await FreshDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator(dataSource).MigrateAsync(CancellationToken.None)));
        await Migrator(dataSource).MigrateAsync(CancellationToken.None);

        var versions = await ListAsync(dataSource, "SELECT version FROM schema_migrations ORDER BY version");
        Assert.Equal(DatabaseMigrator.ScriptsOf(typeof(DatabaseMigratorTests).Assembly).Select(script =>
            script.Version).Order(StringComparer.Ordinal), versions);
        Assert.Contains("0001_widgets", versions);
        Assert.Contains("platform/0001_outbox_inbox", versions);
        Assert.Equal(["id", "name"], await ListAsync(dataSource,
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'widgets' ORDER BY ordinal_position"));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_stops_the_start_up()
    {
        await using var dataSource = await FreshDatabaseAsync();
        await Migrator(dataSource).MigrateAsync(CancellationToken.None);
        await using (var tamper = dataSource.CreateCommand(
            "UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001_widgets'"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(dataSource).MigrateAsync(CancellationToken.None));

        Assert.Contains("0001_widgets", error.Message);
    }

    private static DatabaseMigrator Migrator(NpgsqlDataSource dataSource) =>
        new(dataSource, typeof(DatabaseMigratorTests).Assembly, NullLogger<DatabaseMigrator>.Instance);

    private async Task<NpgsqlDataSource> FreshDatabaseAsync()
    {
        var name = "migrate_" + Guid.NewGuid().ToString("N")[..12];
        var server = await system.ConnectionStringAsync("postgres");
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }
        return NpgsqlDataSource.Create($"{server};Database={name}");
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
