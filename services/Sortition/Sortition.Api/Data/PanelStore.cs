using System.Text.Json;
using Assemblee.Contracts.People;
using Assemblee.Contracts.Sortition;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Lottery;
using Npgsql;

namespace Assemblee.Sortition.Data;

/// <summary>A respondent as the lottery sees them: pseudonymous id, declared profile, household key.</summary>
public sealed record PoolMember(string Id, Dictionary<string, string> Profile, string? Household);

/// <summary>The respondents of a draw, for its lottery.</summary>
public sealed record Pool(string BodyId, IReadOnlyList<PoolMember> Respondents);

/// <summary>The panel's rows: the respondent pool, the draw's record under lock, respondents' statuses and contact data.</summary>
public static class PanelStore
{
    public static async Task<Pool> PoolAsync(NpgsqlDataSource dataSource, Guid drawId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.body_id, r.number, r.features, i.household_hash
            FROM draws d LEFT JOIN respondents r ON r.draw_id = d.id LEFT JOIN invitations i ON i.id = r.invitation_id
            WHERE d.id = $1 ORDER BY r.number
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        var respondents = new List<PoolMember>();
        string? bodyId = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bodyId = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                respondents.Add(new PoolMember(RespondentIds.Of(reader.GetInt32(1)),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!, reader.GetString(3)));
            }
        }
        return new Pool(bodyId ?? throw new InvalidOperationException($"Draw {drawId} vanished."), respondents);
    }

    /// <summary>The draw's record, locked until the transaction ends; null when the draw is not in <paramref name="state"/>.</summary>
    public static async Task<DrawRecord?> LockRecordAsync(NpgsqlTransaction transaction, Guid drawId, string state,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT record FROM draws WHERE id = $1 AND state = $2 FOR UPDATE",
            transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<DrawRecord>(json, SortitionJson.Options)
            : null;
    }

    /// <summary>Sets the respondents' status; the selected are remembered so that no one sits twice in the body.</summary>
    public static async Task SetStatusAsync(NpgsqlTransaction transaction, Guid drawId, IEnumerable<string> ids, string status,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE respondents SET status = $3 WHERE draw_id = $1 AND number = ANY($2)", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(RespondentIds.NumberOf).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (status == "selected")
        {
            await using var remember = new NpgsqlCommand("""
                INSERT INTO selected_people (body_id, person_hash, draw_id)
                SELECT d.body_id, i.person_hash, d.id
                FROM respondents r JOIN invitations i ON i.id = r.invitation_id JOIN draws d ON d.id = r.draw_id
                WHERE r.draw_id = $1 AND r.status = 'selected'
                ON CONFLICT DO NOTHING
                """, transaction.Connection, transaction);
            remember.Parameters.Add(new NpgsqlParameter { Value = drawId });
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>What membership needs to contact the people drawn, in the order given.</summary>
    /// <summary>The seats of <paramref name="ids"/>, in that order: ids and seat groups only.</summary>
    public static async Task<List<DrawnSeat>> SeatsAsync(NpgsqlTransaction transaction, Guid drawId, IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.number, i.seat_group FROM respondents r JOIN invitations i ON i.id = r.invitation_id
            WHERE r.draw_id = $1 AND r.number = ANY($2)
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(RespondentIds.NumberOf).ToArray() });
        var seats = new Dictionary<string, DrawnSeat>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = RespondentIds.Of(reader.GetInt32(0));
            seats[id] = new DrawnSeat(id, reader.GetString(1));
        }
        return [.. ids.Select(id => seats[id])];
    }

    /// <summary>
    /// The contact details of those of <paramref name="ids"/> who hold or held a seat in the body's draw and whose data
    /// is not erased; null when the body has no such draw.
    /// </summary>
    public static async Task<List<DrawnPerson>?> SeatedPeopleAsync(NpgsqlTransaction transaction, string bodyId, Guid drawId,
        IReadOnlyList<int> numbers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.number, i.seat_group, i.family_name, i.given_name, i.birth_date, i.address, i.postcode, r.email, r.phone
            FROM draws d
            LEFT JOIN respondents r ON r.draw_id = d.id AND r.number = ANY($3) AND r.status IN ('selected', 'left')
            LEFT JOIN invitations i ON i.id = r.invitation_id AND i.erased_at IS NULL
            WHERE d.id = $1 AND d.body_id = $2
            ORDER BY r.number
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = bodyId });
        command.Parameters.Add(new NpgsqlParameter { Value = numbers.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var people = new List<DrawnPerson>();
        do
        {
            if (!reader.IsDBNull(2))
            {
                people.Add(new DrawnPerson(RespondentIds.Of(reader.GetInt32(0)), reader.GetString(1), reader.GetString(2),
                    reader.GetString(3), reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }
        while (await reader.ReadAsync(cancellationToken));
        return people;
    }
}
