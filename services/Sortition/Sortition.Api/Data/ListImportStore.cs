using System.Text.Json;
using Assemblee.Sortition.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

/// <summary>
/// Each list's last import and its progress. Written outside the import's transaction, in autocommit, so that
/// progress is visible while the import runs and a refusal is remembered after its rollback.
/// </summary>
public sealed class ListImportStore(NpgsqlDataSource dataSource)
{
    /// <summary>Starts an import of the list; false while another import of it is running.</summary>
    public async Task<bool> ClaimAsync(Guid drawId, string listName, string charset, long? bytesExpected, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO list_imports AS i (draw_id, list_name, state, charset, bytes_expected, started_at, updated_at)
            VALUES ($1, $2, '{ListImportStates.Running}', $3, $4, $5, $5)
            ON CONFLICT (draw_id, list_name) DO UPDATE SET state = excluded.state, charset = excluded.charset,
                bytes_expected = excluded.bytes_expected, bytes_received = 0, rows_read = 0, rows_refused = 0, rows_imported = NULL,
                errors = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at, finished_at = NULL
            WHERE i.state <> '{ListImportStates.Running}' OR i.updated_at < $5 - make_interval(secs => $6)
            RETURNING 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = listName });
        command.Parameters.Add(new NpgsqlParameter { Value = charset });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)bytesExpected ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = ListImportStates.Silence.TotalSeconds });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task ReportAsync(Guid drawId, string listName, long bytesReceived, int rowsRead, int rowsRefused, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE list_imports SET bytes_received = $3, rows_read = $4, rows_refused = $5, updated_at = $6
            WHERE draw_id = $1 AND list_name = $2 AND state = '{ListImportStates.Running}'
            """);
        AddProgress(command, drawId, listName, bytesReceived, rowsRead, rowsRefused, now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records how the import ended: imported (with its row count), refused (with its reasons) or failed.</summary>
    public async Task FinishAsync(Guid drawId, string listName, string state, long bytesReceived, int rowsRead, int rowsRefused,
        int? rowsImported,
        SourceListVerdict? verdict, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE list_imports SET bytes_received = $3, rows_read = $4, rows_refused = $5, updated_at = $6, finished_at = $6,
                state = $7, rows_imported = $8, errors = $9, refused_lines = $10,
                rows_in_place = coalesce($8, rows_in_place), imported_at = CASE WHEN $8 IS NULL THEN imported_at ELSE $6 END
            WHERE draw_id = $1 AND list_name = $2
            """);
        AddProgress(command, drawId, listName, bytesReceived, rowsRead, rowsRefused, now);
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)rowsImported ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = verdict is null ? DBNull.Value : JsonSerializer.Serialize(verdict.Errors),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = verdict is null ? DBNull.Value : JsonSerializer.Serialize(verdict.RefusedLines),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        // Not cancellable: the outcome is written even when the request that carried the list was aborted.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async Task<IReadOnlyList<ListImportStatus>> ListAsync(Guid drawId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT list_name, state, charset, bytes_expected, bytes_received, rows_read, rows_refused, rows_imported, errors,
                   rows_in_place, imported_at, started_at, updated_at, finished_at, refused_lines
            FROM list_imports WHERE draw_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var imports = new List<ListImportStatus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var updatedAt = reader.GetFieldValue<DateTimeOffset>(12);
            imports.Add(new ListImportStatus(
                reader.GetString(0),
                ListImportStates.Effective(reader.GetString(1), updatedAt, now),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt32(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<List<string>>(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetInt32(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetFieldValue<DateTimeOffset>(11),
                updatedAt,
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : JsonSerializer.Deserialize<List<RefusedLine>>(reader.GetString(14))));
        }
        return imports;
    }

    private static void AddProgress(NpgsqlCommand command, Guid drawId, string listName, long bytesReceived, int rowsRead, int rowsRefused,
        DateTimeOffset now)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = listName });
        command.Parameters.Add(new NpgsqlParameter { Value = bytesReceived });
        command.Parameters.Add(new NpgsqlParameter { Value = rowsRead });
        command.Parameters.Add(new NpgsqlParameter { Value = rowsRefused });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
    }
}
