using System.Security.Cryptography;
using System.Text;
using Assemblee.Contracts.Sortition;
using Assemblee.Platform.Messaging;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Randomness;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

public sealed record InvitationSummary(int Invitations, IReadOnlyDictionary<string, int> BySeatGroup, int Strata);

/// <summary>A seat group cannot be filled from its list.</summary>
public sealed class NotEnoughPeopleException(string message) : Exception(message);

/// <summary>
/// Stage 1: draws each seat group's invitations from its source list, stratified as the specification says, keeps
/// what the letters need, and erases the rest of the lists by dropping the draw's partition, in one transaction.
/// </summary>
public sealed class InvitationDraw(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<InvitationSummary?> DrawAsync(Draw draw, string seed, CancellationToken cancellationToken)
    {
        var specification = draw.Specification;
        var partition = Partitions.ListRows(draw.Id);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("UPDATE draws SET state = $2, invitation_seed = $3 WHERE id = $1 AND state = $4", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = draw.Id });
            claim.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Invited });
            claim.Parameters.Add(new NpgsqlParameter { Value = seed });
            claim.Parameters.Add(new NpgsqlParameter { Value = DrawStates.Open });
            if (await claim.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return null;
            }
        }

        var bySeatGroup = new Dictionary<string, int>();
        var strataCount = 0;
        var invitations = new List<(SeatGroup Group, int Stratum, int Line)>();
        foreach (var group in specification.SeatGroups)
        {
            var list = Partitions.ListRows(draw.Id, specification.SourceLists.ToList().IndexOf(group.SourceList));
            var (lines, strata) = await EligibleAsync(connection, transaction, list, group, specification, cancellationToken);
            if (lines.Length < group.Seats)
            {
                throw new NotEnoughPeopleException(
                    $"Seat group {group.Name}: the list '{group.SourceList}' has {lines.Length} eligible people for {group.Seats} seats.");
            }
            var random = new DrawRandom(SHA256.HashData(Encoding.UTF8.GetBytes($"assemblee-invitations/1\n{seed}\n{group.Name}\n")));
            var (chosen, count) = StratifiedSample.Select(strata, group.Invitations, random);
            strataCount += count;
            bySeatGroup[group.Name] = chosen.Count;
            invitations.AddRange(chosen.Select(i => (group, strata[i], lines[i])));
        }
        await StoreAsync(connection, transaction, draw.Id, specification, invitations, cancellationToken);

        // The uninvited are erased: their rows go with the partition.
        await using (var drop = new NpgsqlCommand($"DROP TABLE {partition}", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        var now = time.GetUtcNow();
        await outbox.AddAsync(new InvitationsDrawn(draw.Id, draw.BodyId, specification.Title, invitations.Count, bySeatGroup,
            specification.ResponseDeadline, now), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationSummary(invitations.Count, bySeatGroup, strataCount);
    }

    /// <summary>
    /// The lines of the group's list whose age fits the group, in list order, with their stratum as a number: the
    /// values of the stratification columns in the order given, in mixed radix (arrondissement 1–20, sex F then M,
    /// age class in the specification's order, then "other"). PostgreSQL filters and classifies; only two integers
    /// per person cross the wire.
    /// </summary>
    private static async Task<(int[] Lines, int[] Strata)> EligibleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string list, SeatGroup group, DrawSpecification specification, CancellationToken cancellationToken)
    {
        // Age a on the reference date ⇔ born in (reference − (a + 1) years, reference − a years].
        string BornAtLeast(int age) => $"'{specification.ReferenceDate.AddYears(-age):yyyy-MM-dd}'::date";
        string BornBefore(int age) => $"'{specification.ReferenceDate.AddYears(-(age + 1)):yyyy-MM-dd}'::date";
        var ageClass = "CASE " + string.Concat(specification.AgeClasses.Select((a, i) =>
            $"WHEN birth_date <= {BornAtLeast(a.MinAge)} AND birth_date > {BornBefore(Math.Min(a.MaxAge, 200))} THEN {i} ")) + $"ELSE {specification.AgeClasses.Count} END";
        var key = "0";
        foreach (var column in specification.InvitationStrata)
        {
            key = column switch
            {
                "arrondissement" => $"({key}) * 21 + arrondissement",
                "sex" => $"({key}) * 2 + (sex = 'M')::int",
                _ => $"({key}) * {specification.AgeClasses.Count + 1} + {ageClass}",
            };
        }
        await using var select = new NpgsqlCommand(
            $"SELECT line, {key} FROM {list} WHERE birth_date <= {BornAtLeast(group.MinAge)} AND birth_date > {BornBefore(Math.Min(group.MaxAge, 200))}",
            connection, transaction);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var lines = new List<int>();
        var strata = new List<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetInt32(0));
            strata.Add(reader.GetInt32(1));
        }
        var (lineArray, strataArray) = (lines.ToArray(), strata.ToArray());
        Array.Sort(lineArray, strataArray);
        return (lineArray, strataArray);
    }

    /// <summary>A stratum number in words, as stored with the invitation (e.g. "arrondissement=11|age-class=25-39").</summary>
    private static string StratumLabel(DrawSpecification specification, int key)
    {
        var ageClasses = specification.AgeClasses.Count + 1;
        var parts = new List<string>();
        foreach (var column in specification.InvitationStrata.Reverse())
        {
            var (radix, label) = column switch
            {
                "arrondissement" => (21, (Func<int, string>)(v => v.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))),
                "sex" => (2, v => v == 0 ? "F" : "M"),
                _ => (ageClasses, v => v < specification.AgeClasses.Count ? specification.AgeClasses[v].Name : "other"),
            };
            parts.Insert(0, $"{column}={label(key % radix)}");
            key /= radix;
        }
        return string.Join('|', parts);
    }

    private static async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid drawId,
        DrawSpecification specification, List<(SeatGroup Group, int Stratum, int Line)> invitations, CancellationToken cancellationToken)
    {
        foreach (var byList in invitations.GroupBy(i => i.Group.SourceList))
        {
            var wanted = byList.ToDictionary(i => i.Line);
            await using var select = new NpgsqlCommand(
                $"SELECT line, person_ref, family_name, given_name, birth_date, address, postcode FROM {Partitions.ListRows(drawId, specification.SourceLists.ToList().IndexOf(byList.Key))} WHERE line = ANY($1)",
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
                "COPY invitations (id, draw_id, code, seat_group, stratum, list_line, person_hash, household_hash, family_name, given_name, birth_date, address, postcode) FROM STDIN (FORMAT BINARY)",
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
                await copy.WriteAsync(new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10)), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(invitation.Group.Name, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(StratumLabel(specification, invitation.Stratum), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(Hash($"{byList.Key}:{row[1]}"), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(Hash($"{address.ToUpperInvariant()}|{postcode}"), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((string)row[2], NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((string)row[3], NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row[4], NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(address, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(postcode, NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>Pseudonymous keys: enough to recognise the same person or household again, not to read them.</summary>
    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
