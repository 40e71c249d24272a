using System.Text.Json;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Lottery;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

/// <summary>Draws, their state and their record.</summary>
public sealed class DrawStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the draw and the tables its source lists go to.</summary>
    public async Task<Draw> CreateAsync(string bodyId, DrawSpecification specification, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO draws (id, body_id, title, specification, state) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = bodyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = specification.Title });
            insert.Parameters.Add(new NpgsqlParameter
            {
                Value = JsonSerializer.Serialize(specification, SortitionJson.Options),
                NpgsqlDbType = NpgsqlDbType.Jsonb
            });
            insert.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Open });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        // One table per source list: a list is scanned, replaced or dropped alone.
        var tables = string.Join(";\n",
            specification.SourceLists.Select((_, i) => $"CREATE TABLE {ListTables.Name(id, i)} (LIKE list_row_columns)"));
        await using (var create = new NpgsqlCommand(tables, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(bodyId, id, cancellationToken))!;
    }

    public async Task<Draw?> FindAsync(string bodyId, Guid id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE d.body_id = $1 AND d.id = $2", [bodyId, id], cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Draw>> ListAsync(string bodyId, CancellationToken cancellationToken) =>
        QueryAsync("WHERE d.body_id = $1", [bodyId], cancellationToken);

    /// <summary>Moves a draw from one state to the next; false when it was not in <paramref name="from"/>.</summary>
    public async Task<bool> TransitionAsync(Guid id, string[] from, string to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE draws SET state = $3 WHERE id = $1 AND state = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<DrawRecord?> RecordAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT record FROM draws WHERE id = $1 AND record IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<DrawRecord>(json, SortitionJson.Options)
            : null;
    }

    public static async Task SaveRecordAsync(NpgsqlTransaction transaction, Guid id, DrawRecord record, string state,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE draws SET record = $2, state = $3, diagnosis = NULL WHERE id = $1", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(record, SortitionJson.Options),
            NpgsqlDbType = NpgsqlDbType.Jsonb
        });
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveDiagnosisAsync(Guid id, object diagnosis, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE draws SET diagnosis = $2, state = $3 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(diagnosis, SortitionJson.Options),
            NpgsqlDbType = NpgsqlDbType.Jsonb
        });
        command.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Infeasible });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Draws left in "preparing" by a stopped process, to prepare again.</summary>
    public async Task<IReadOnlyList<Guid>> PreparingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM draws WHERE state = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Preparing });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    private async Task<IReadOnlyList<Draw>> QueryAsync(string filter, object[] values, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT d.id, d.body_id, d.specification, d.state, d.created_at,
                   (SELECT count(*) FROM invitations i WHERE i.draw_id = d.id),
                   (SELECT count(*) FROM respondents r WHERE r.draw_id = d.id),
                   d.record->>'commitment', d.diagnosis
            FROM draws d {filter} ORDER BY d.created_at
            """);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var draws = new List<Draw>();
        while (await reader.ReadAsync(cancellationToken))
        {
            draws.Add(new Draw(reader.GetGuid(0), reader.GetString(1),
                JsonSerializer.Deserialize<DrawSpecification>(reader.GetString(2), SortitionJson.Options)!,
                reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<JsonElement>(reader.GetString(8))));
        }
        return draws;
    }
}
