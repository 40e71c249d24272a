using Assemblee.Sortition.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

/// <summary>Stage 1's rows: the draw claimed for its invitations, the eligible lines by stratum, the invitations stored.</summary>
public static class InvitationStore
{
    /// <summary>Moves an open draw to invited with its seed; false when it was not open.</summary>
    public static async Task<bool> ClaimAsync(NpgsqlTransaction transaction, Guid drawId, string seed, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            "UPDATE draws SET state = $2, invitation_seed = $3 WHERE id = $1 AND state = $4", transaction.Connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter { Value = drawId });
        claim.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Invited });
        claim.Parameters.Add(new NpgsqlParameter { Value = seed });
        claim.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Open });
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// The group's eligible lines by stratum, as classified when the list was imported (see <see cref="InvitationStrata"/>).
    /// </summary>
    public static async Task<List<(int Stratum, int[] Lines)>> EligibleAsync(NpgsqlTransaction transaction, Guid drawId, SeatGroup group,
        CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT stratum, lines FROM list_strata WHERE draw_id = $1 AND seat_group = $2 ORDER BY stratum", transaction.Connection,
                transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = drawId });
        select.Parameters.Add(new NpgsqlParameter { Value = group.Name });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var strata = new List<(int, int[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            strata.Add((reader.GetInt32(0), reader.GetFieldValue<int[]>(1)));
        }
        return strata;
    }

    /// <summary>Copies what the letters need of the chosen lines into invitations, with a code and pseudonymous keys.</summary>
    public static async Task StoreAsync(NpgsqlTransaction transaction, Guid drawId, DrawSpecification specification,
        List<(SeatGroup Group, int Stratum, int Line)> invitations, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        foreach (var byList in invitations.GroupBy(i => i.Group.SourceList))
        {
            var wanted = byList.ToDictionary(i => i.Line);
            await using var select = new NpgsqlCommand(
                $"SELECT line, person_ref, family_name, given_name, birth_date, address, postcode "
                + $"FROM {ListTables.Name(drawId, specification.SourceLists.ToList().IndexOf(byList.Key))} WHERE line = ANY($1)",
                connection, transaction);
            select.Parameters.Add(new NpgsqlParameter { Value = wanted.Keys.ToArray() });
            var rows = new List<object[]>();
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var values = new object[7];
                    reader.GetValues(values);
                    rows.Add(values);
                }
            }
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY invitations (id, draw_id, code, seat_group, stratum, list_line, person_hash, household_hash, family_name, "
                + "given_name, birth_date, address, postcode) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var row in rows)
            {
                var line = (int)row[0];
                var invitation = wanted[line];
                var address = (string)row[5];
                var postcode = (string)row[6];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(drawId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(InvitationKeys.NewCode(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(invitation.Group.Name, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(InvitationStrata.Label(specification, invitation.Stratum), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(InvitationKeys.PersonKey(byList.Key, (string)row[1]), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(InvitationKeys.HouseholdKey(address, postcode), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((string)row[2], NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((string)row[3], NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row[4], NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(address, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(postcode, NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>Drops the draw's list tables and their strata.</summary>
    public static async Task DropListsAsync(NpgsqlTransaction transaction, Guid drawId, int listCount, CancellationToken cancellationToken)
    {
        await using var drop = new NpgsqlCommand(
            $"DROP TABLE IF EXISTS {ListTables.All(drawId, listCount)}; DELETE FROM list_strata WHERE draw_id = '{drawId}'",
            transaction.Connection, transaction);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }
}
