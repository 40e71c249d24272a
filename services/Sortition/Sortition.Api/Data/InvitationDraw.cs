using System.Security.Cryptography;
using System.Text;
using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Randomness;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

public sealed record InvitationSummary(int Invitations, IReadOnlyDictionary<string, int> BySeatGroup, int Strata);

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
            var strata = await EligibleAsync(connection, transaction, draw.Id, group, cancellationToken);
            var eligible = strata.Sum(s => s.Lines.Length);
            if (eligible < group.Seats)
            {
                throw RuleViolation.Unprocessable("Not enough people",
                    $"Seat group {group.Name}: the list '{group.SourceList}' has {eligible} eligible people for {group.Seats} seats.");
            }
            var random = new DrawRandom(SHA256.HashData(Encoding.UTF8.GetBytes($"assemblee-invitations/1\n{seed}\n{group.Name}\n")));
            var chosen = StratifiedSample.Select(strata, group.Invitations, random);
            strataCount += strata.Count;
            bySeatGroup[group.Name] = chosen.Count;
            invitations.AddRange(chosen.Select(c => (group, c.Stratum, c.Item)));
        }
        await StoreAsync(connection, transaction, draw.Id, specification, invitations, cancellationToken);

        // The uninvited are erased: their rows go with the partition.
        await using (var drop = new NpgsqlCommand($"DROP TABLE {partition}; DELETE FROM list_strata WHERE draw_id = '{draw.Id}'", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        var now = time.GetUtcNow();
        await outbox.AddAsync(new InvitationsDrawn(draw.Id, draw.BodyId, specification.Title, invitations.Count, bySeatGroup,
            specification.ResponseDeadline, now), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationSummary(invitations.Count, bySeatGroup, strataCount);
    }

    /// <summary>The group's eligible lines by stratum, as classified when the list was imported (see <see cref="InvitationStrata"/>).</summary>
    private static async Task<List<(int Stratum, int[] Lines)>> EligibleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid drawId,
        SeatGroup group, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT stratum, lines FROM list_strata WHERE draw_id = $1 AND seat_group = $2 ORDER BY stratum", connection, transaction);
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
                await copy.WriteAsync(InvitationStrata.Label(specification, invitation.Stratum), NpgsqlDbType.Text, cancellationToken);
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
