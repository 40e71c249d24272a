using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace Aspire.Hosting.Orchestration;

/// <summary>PostgreSQL from Debian's postgresql package; it refuses to run as root, so root runs it as "postgres".</summary>
internal sealed class PostgresLocalServer(PostgresServerResource resource, LocalServerContext context) : LocalServer(context)
{
    private string DataDirectory => Path.Combine(Context.StateDirectory, "data");

    private int Port => resource.PrimaryEndpoint.GetPort();

    public override async Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).ToArray()
            : [];
        var postgres = Require("PostgreSQL", "apt-get install -y postgresql", [.. binaries.Select(b => Path.Combine(b, "postgres"))]);
        var bin = Path.GetDirectoryName(postgres)!;

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            Directory.CreateDirectory(DataDirectory);
            var passwordFile = Path.Combine(Context.StateDirectory, "initdb-password");
            await File.WriteAllTextAsync(passwordFile, resource.Password.Value, cancellationToken);
            GiveTo("postgres", Context.StateDirectory);
            try
            {
                await RunToCompletionAsync(AsUser("postgres", Path.Combine(bin, "initdb"),
                    ["-D", DataDirectory, "-U", PostgresServerResource.UserName, "--pwfile", passwordFile, "--auth-local=trust",
                     "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"], null, Context.StateDirectory), cancellationToken);
            }
            finally
            {
                File.Delete(passwordFile);
            }
        }
        return AsUser("postgres", postgres,
            ["-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", DataDirectory, "-c", "listen_addresses=127.0.0.1"],
            null, Context.StateDirectory);
    }

    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) + ";Timeout=2;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>Creates the databases the model declares (AddDatabase), once.</summary>
    public override async Task OnReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in resource.Databases.Values)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
