using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

public sealed class BodyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the body; null when the id is taken.</summary>
    public static async Task<Body?> InsertAsync(NpgsqlTransaction transaction, string id, string name, string kind,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO bodies (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING registered_at",
            transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = name });
        insert.Parameters.Add(new NpgsqlParameter { Value = kind });
        return await insert.ExecuteScalarAsync(cancellationToken) is DateTime registeredAt
            ? new Body(id, name, kind, new DateTimeOffset(registeredAt, TimeSpan.Zero))
            : null;
    }

    public async Task<Body?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = $1", id, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Body>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", null, cancellationToken);

    private async Task<IReadOnlyList<Body>> QueryAsync(string filter, string? id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT id, name, kind, registered_at FROM bodies {filter} ORDER BY id");
        if (id is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bodies = new List<Body>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bodies.Add(new Body(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return bodies;
    }
}
