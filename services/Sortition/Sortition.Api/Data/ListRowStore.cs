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
            $"TRUNCATE {Partitions.ListRows(drawId, listIndex)}; "
            + $"DELETE FROM list_strata WHERE draw_id = '{drawId}' AND list_index = {listIndex}",
            transaction.Connection, transaction);
        await clear.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A binary COPY into the list's partition; FREEZE since the partition was emptied in this transaction.</summary>
    public static Task<BinaryCopyWriter> BeginCopyAsync(NpgsqlTransaction transaction, Guid drawId, int listIndex,
        CancellationToken cancellationToken) =>
        BinaryCopyWriter.BeginAsync(transaction.Connection!,
            $"COPY {Partitions.ListRows(drawId, listIndex)} "
            + "(draw_id, list_name, line, person_ref, family_name, given_name, birth_date, address, postcode) FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken);

    /// <summary>Synchronous: the buffer flushes rarely, and awaiting 9 calls per row would cost more than the row.</summary>
    public static void Write(BinaryCopyWriter copy, Guid drawId, string listName, int line, SourceListRow row)
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

internal static class Partitions
{
    public static string ListRows(Guid drawId) => $"list_rows_{drawId:N}";

    public static string ListRows(Guid drawId, int listIndex) => $"list_rows_{drawId:N}_{listIndex}";
}
