using System.Threading.Channels;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Csv;
using Npgsql;

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
    /// <param name="listIndex">The list's place in <see cref="DrawSpecification.SourceLists"/>.</param>
    public async Task<int> ImportAsync(Guid drawId, DrawSpecification specification, string listName, int listIndex, Stream csv, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var partition = Partitions.ListRows(drawId, listIndex);
        await using (var clear = new NpgsqlCommand($"TRUNCATE {partition}; DELETE FROM list_strata WHERE draw_id = '{drawId}' AND list_index = {listIndex}", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        var strata = new InvitationStrata(specification, listName);

        // Parsing and validating (this thread's reader) overlap with sending rows to PostgreSQL (below).
        var batches = Channel.CreateBounded<List<(int Line, SourceListRow Row)>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var validation = Task.Run(() => Validate(csv, batches.Writer, strata, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), stop.Token), stop.Token);
        var copy = await BinaryCopyWriter.BeginAsync(connection,
            $"COPY {partition} (draw_id, list_name, line, person_ref, family_name, given_name, birth_date, address, postcode) FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken);
        int rows;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                // Synchronous writes: the buffer flushes rarely, and awaiting 9 calls per row would cost more than the row.
                foreach (var (line, row) in batch)
                {
                    copy.StartRow(9);
                    copy.Write(drawId);
                    copy.Write(listName);
                    copy.Write(line);
                    copy.Write(row.PersonRef);
                    copy.Write(row.FamilyName);
                    copy.Write(row.GivenName);
                    copy.Write(row.BirthDate);
                    copy.Write(row.Address);
                    copy.Write(row.Postcode);
                }
            }
            (rows, var errors, var errorCount) = await validation;
            if (errorCount > 0)
            {
                throw new SourceListRejectedException(errors, errorCount);
            }
            await copy.CompleteAsync(cancellationToken);
            await StoreStrataAsync(connection, transaction, drawId, listIndex, strata, cancellationToken);
        }
        finally
        {
            // Disposing an uncompleted COPY cancels it; the transaction then rolls back. A reader still running stops.
            await stop.CancelAsync();
            await copy.DisposeAsync();
        }
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task StoreStrataAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid drawId, int listIndex, InvitationStrata strata,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (seatGroup, stratum, lines) in strata.Lines)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO list_strata (draw_id, list_index, seat_group, stratum, lines) VALUES ($1, $2, $3, $4, $5)")
            {
                Parameters = { new() { Value = drawId }, new() { Value = listIndex }, new() { Value = seatGroup }, new() { Value = stratum }, new() { Value = lines.ToArray() } },
            });
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reads and checks every row; rows go to <paramref name="output"/> (and are classified into <paramref name="strata"/>)
    /// until the first error, then only errors are counted.
    /// </summary>
    private static (int Rows, List<string> Errors, int ErrorCount) Validate(Stream csv, ChannelWriter<List<(int, SourceListRow)>> output, InvitationStrata strata, DateOnly today,
        CancellationToken cancellationToken)
    {
        const int BatchSize = 2000;
        var errors = new List<string>();
        var errorCount = 0;
        var rows = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<(int, SourceListRow)>(BatchSize);
        void Refuse(int line, string reason)
        {
            if (++errorCount <= SourceListRejectedException.Listed)
            {
                errors.Add($"line {line}: {reason}");
            }
        }
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
                batch.Add((line, row));
                strata.Add(line, row);
                if (batch.Count == BatchSize)
                {
                    Send(output, batch, cancellationToken);
                    batch = new(BatchSize);
                }
            }
            if (errorCount == 0 && batch.Count > 0)
            {
                Send(output, batch, cancellationToken);
            }
            if (rows == 0 && errorCount == 0)
            {
                Refuse(1, "the file has no rows");
            }
        }
        catch (CsvFormatException ex)
        {
            errors.AddRange(ex.Errors);
            errorCount += ex.Errors.Count;
        }
        finally
        {
            output.Complete();
        }
        return (rows, errors, errorCount);
    }

    private static void Send(ChannelWriter<List<(int, SourceListRow)>> output, List<(int, SourceListRow)> batch, CancellationToken cancellationToken)
    {
        while (!output.TryWrite(batch))
        {
            if (!output.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }
}

internal static class Partitions
{
    public static string ListRows(Guid drawId) => $"list_rows_{drawId:N}";

    public static string ListRows(Guid drawId, int listIndex) => $"list_rows_{drawId:N}_{listIndex}";
}
