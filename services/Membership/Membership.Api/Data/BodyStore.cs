using Assemblee.Common.Data;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

public sealed class BodyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the body; null when the id is taken.</summary>
    public static async Task<Body?> InsertAsync(NpgsqlTransaction transaction, string id, string name, string kind,
        BodyMailboxes mailboxes, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO bodies (id, name, kind, contact_email, executive_email) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO NOTHING RETURNING registered_at
            """, transaction.Connection, transaction);
        insert.With(id, name, kind, mailboxes.Contact, mailboxes.Executive);
        return await insert.ExecuteScalarAsync(cancellationToken) is DateTime registeredAt
            ? new Body(id, name, kind, mailboxes, new DateTimeOffset(registeredAt, TimeSpan.Zero))
            : null;
    }

    /// <summary>Replaces the body's mailboxes (null removes one); false when there is no such body.</summary>
    public async Task<bool> SetMailboxesAsync(string id, BodyMailboxes mailboxes, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand("UPDATE bodies SET contact_email = $2, executive_email = $3 WHERE id = $1");
        update.With(id, mailboxes.Contact, mailboxes.Executive);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Body?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = $1", id, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Body>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", null, cancellationToken);

    private async Task<IReadOnlyList<Body>> QueryAsync(string filter, string? id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT id, name, kind, contact_email, executive_email, registered_at FROM bodies {filter} ORDER BY id");
        if (id is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bodies = new List<Body>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bodies.Add(new Body(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                new BodyMailboxes(reader.NullableString(3), reader.NullableString(4)), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return bodies;
    }
}
