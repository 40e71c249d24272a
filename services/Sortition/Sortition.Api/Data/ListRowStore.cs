using Assemblee.Sortition.Domain;
using Npgsql;

namespace Assemblee.Sortition.Data;

/// <summary>A list's rows in the draw's partition, and their strata; all within the import's transaction.</summary>
public static class ListRowStore
{
    /// <summary>Empties the list's partition and strata (re-importing a list replaces it).</summary>
    public static async Task ClearAsync(NpgsqlTransaction transaction, Guid drawId, int listIndex, CancellationToken cancellationToken)
    {
        await using var clear = new NpgsqlCommand(
            $"TRUNCATE {ListTables.Name(drawId, listIndex)}; "
            + $"DELETE FROM list_strata WHERE draw_id = '{drawId}' AND list_index = {listIndex}",
            transaction.Connection, transaction);
        await clear.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A binary COPY into the list's table; FREEZE since the table was emptied in this transaction.</summary>
    public static Task<BinaryCopyWriter> BeginCopyAsync(NpgsqlTransaction transaction, Guid drawId, int listIndex,
        CancellationToken cancellationToken) =>
        BinaryCopyWriter.BeginAsync(transaction.Connection!,
            $"COPY {ListTables.Name(drawId, listIndex)} (line, person_ref, family_name, given_name, birth_date, address, postcode) "
            + "FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken);

    /// <summary>Encodes the list's rows for <see cref="BeginCopyAsync"/>'s COPY, on the thread that reads the list.</summary>
    public static ListRowEncoder Encoder(Action<byte[], int> emit) => new(new BinaryCopyEncoder(emit));

    public static async Task StoreStrataAsync(NpgsqlTransaction transaction, Guid drawId, int listIndex, InvitationStrata strata,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (seatGroup, stratum, lines) in strata.Lines)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO list_strata (draw_id, list_index, seat_group, stratum, lines) VALUES ($1, $2, $3, $4, $5)")
            {
                Parameters = { new() { Value = drawId }, new() { Value = listIndex }, new() { Value = seatGroup },
                    new() { Value = stratum }, new() { Value = lines.ToArray() } },
            });
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>The table of a draw's list, by its place among the specification's lists (names are made here, safe in SQL).</summary>
internal static class ListTables
{
    public static string Name(Guid drawId, int listIndex) => $"list_rows_{drawId:N}_{listIndex}";

    /// <summary>The draw's list tables, and its partition of list_rows for a draw created before the list tables.</summary>
    public static string All(Guid drawId, int listCount) =>
        string.Join(", ", Enumerable.Range(0, listCount).Select(index => Name(drawId, index)).Append($"list_rows_{drawId:N}"));
}

/// <summary>A list's rows in the COPY's column order: the line, then the fields as they arrived.</summary>
public sealed class ListRowEncoder(BinaryCopyEncoder encoder) : ISourceListSink
{
    public void Add(int line, in SourceListRow row)
    {
        encoder.StartRow(7);
        encoder.Write(line);
        encoder.Write(row.PersonRef);
        encoder.Write(row.FamilyName);
        encoder.Write(row.GivenName);
        encoder.Write(row.BirthDate);
        encoder.Write(row.Address);
        encoder.Write(row.Postcode);
    }

    public void Complete() => encoder.Complete();
}
