using Assemblee.Common.Data;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

public sealed class BodyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the body; null when the id is taken.</summary>
    public static async Task<Body?> InsertAsync(NpgsqlTransaction transaction, string id, string name, string kind, string? contactEmail,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO bodies (id, name, kind, contact_email) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING registered_at
            """, transaction.Connection, transaction);
        insert.With(id, name, kind, contactEmail);
        return await insert.ExecuteScalarAsync(cancellationToken) is DateTime registeredAt
            ? new Body(id, name, kind, contactEmail, new DateTimeOffset(registeredAt, TimeSpan.Zero))
            : null;
    }

    /// <summary>Replaces the body's contact mailbox (null removes it); false when there is no such body.</summary>
    public async Task<bool> SetContactEmailAsync(string id, string? contactEmail, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand("UPDATE bodies SET contact_email = $2 WHERE id = $1");
        update.With(id, contactEmail);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Body?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = $1", id, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Body>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", null, cancellationToken);

    private async Task<IReadOnlyList<Body>> QueryAsync(string filter, string? id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT id, name, kind, contact_email, registered_at FROM bodies {filter} ORDER BY id");
        if (id is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bodies = new List<Body>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bodies.Add(new Body(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.NullableString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return bodies;
    }
}
