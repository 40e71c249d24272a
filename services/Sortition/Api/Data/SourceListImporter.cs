using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Csv;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

/// <summary>A source list refused whole: every bad line with its reason (the first 100 listed).</summary>
public sealed class SourceListRejectedException(IReadOnlyList<string> errors, int errorCount)
    : Exception($"The list was refused: {errorCount} bad line(s).")
{
    public const int Listed = 100;

    public IReadOnlyList<string> Errors { get; } = errors;

    public int ErrorCount { get; } = errorCount;
}

/// <summary>
/// Streams a source list into the draw's partition with binary COPY, validating each row on the way. One bad row
/// and the COPY is abandoned with its transaction: a list is imported whole or not at all. Re-importing a list
/// replaces it.
/// </summary>
public sealed class SourceListImporter(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<int> ImportAsync(Guid drawId, string listName, Stream csv, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var partition = Partitions.ListRows(drawId);
        await using (var clear = new NpgsqlCommand($"DELETE FROM {partition} WHERE list_name = $1", connection, transaction))
        {
            clear.Parameters.Add(new NpgsqlParameter { Value = listName });
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var errors = new List<string>();
        var errorCount = 0;
        var rows = 0;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Refuse(int line, string reason)
        {
            if (++errorCount <= SourceListRejectedException.Listed)
            {
                errors.Add($"line {line}: {reason}");
            }
        }

        var copy = await connection.BeginBinaryImportAsync(
            $"COPY {partition} (draw_id, list_name, line, person_ref, family_name, given_name, birth_date, sex, address, postcode, arrondissement) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        try
        {
            using var reader = new StreamReader(csv);
            var header = true;
            foreach (var (line, fields) in CsvReader.Read(reader))
            {
                if (header)
                {
                    header = false;
                    if (!fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(SourceListRow.Columns))
                    {
                        Refuse(line, $"the header must be {string.Join(',', SourceListRow.Columns)}");
                        break;
                    }
                    continue;
                }
                var (row, error) = SourceListRow.Parse(fields, today);
                if (row is null || !seen.Add(row.PersonRef))
                {
                    Refuse(line, error ?? "this id appears earlier in the file");
                    continue;
                }
                rows++;
                if (errorCount > 0)
                {
                    continue; // Nothing will be kept: only look for further errors.
                }
                copy.StartRow();
                copy.Write(drawId, NpgsqlDbType.Uuid);
                copy.Write(listName, NpgsqlDbType.Text);
                copy.Write(line, NpgsqlDbType.Integer);
                copy.Write(row.PersonRef, NpgsqlDbType.Text);
                copy.Write(row.FamilyName, NpgsqlDbType.Text);
                copy.Write(row.GivenName, NpgsqlDbType.Text);
                copy.Write(row.BirthDate, NpgsqlDbType.Date);
                copy.Write(row.Sex, NpgsqlDbType.Text);
                copy.Write(row.Address, NpgsqlDbType.Text);
                copy.Write(row.Postcode, NpgsqlDbType.Text);
                copy.Write(row.Arrondissement, NpgsqlDbType.Smallint);
            }
            if (rows == 0 && errorCount == 0)
            {
                Refuse(1, "the file has no rows");
            }
            if (errorCount > 0)
            {
                throw new SourceListRejectedException(errors, errorCount);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new SourceListRejectedException(ex.Errors, ex.Errors.Count);
        }
        finally
        {
            // Disposing an uncompleted COPY cancels it; the transaction then rolls back.
            await copy.DisposeAsync();
        }
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }
}

internal static class Partitions
{
    public static string ListRows(Guid drawId) => $"list_rows_{drawId:N}";
}
