using Npgsql;

namespace Assemblee.Sortition.Data;

public sealed record KnownBody(string Id, string Name);

/// <summary>Sortition's copy of the registered bodies.</summary>
public sealed class BodyDirectory(NpgsqlDataSource dataSource)
{
    public static async Task AddAsync(KnownBody body, DateTimeOffset registeredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO bodies (id, name, registered_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = body.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = body.Name });
        insert.Parameters.Add(new NpgsqlParameter { Value = registeredAt });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<KnownBody> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM bodies ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new KnownBody(reader.GetString(0), reader.GetString(1));
        }
    }

    public async Task<KnownBody?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM bodies WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new KnownBody(reader.GetString(0), reader.GetString(1)) : null;
    }
}
