using Assemblee.Common.Rules;
using Npgsql;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Common.Bodies;

public sealed record KnownBody(string Id, string Name);

/// <summary>
/// The participatory bodies as a service other than membership knows them: a copy kept from membership's
/// BodyRegistered events (<see cref="BodyRegisteredConsumer"/>), and membership asked over gRPC for a body registered a
/// moment ago whose event has not arrived yet.
/// </summary>
public sealed class BodyDirectory(NpgsqlDataSource dataSource, MembershipClient membership)
{
    public static async Task AddAsync(KnownBody body, DateTimeOffset registeredAt, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO body_directory (id, name, registered_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = body.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = body.Name });
        insert.Parameters.Add(new NpgsqlParameter { Value = registeredAt });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The bodies whose registration has reached this service, by id.</summary>
    public async IAsyncEnumerable<KnownBody> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name FROM body_directory ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new KnownBody(reader.GetString(0), reader.GetString(1));
        }
    }

    /// <summary>
    /// The body, from the copy or else from membership; null when membership has no such body, or when the id cannot be a
    /// body's (membership refuses such an id as INVALID_ARGUMENT, which is no reason for this service to fail).
    /// </summary>
    public async Task<KnownBody?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!BodyIds.IsValid(id))
        {
            return null;
        }
        await using (var command = dataSource.CreateCommand("SELECT id, name FROM body_directory WHERE id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new KnownBody(reader.GetString(0), reader.GetString(1));
            }
        }
        return await membership.GetBodyAsync(new() { BodyId = id }, deadline: DateTime.UtcNow.AddSeconds(5),
            cancellationToken: cancellationToken).OrNullWhenNotFound() is { } body
            ? new KnownBody(body.Id, body.Name)
            : null;
    }
}
