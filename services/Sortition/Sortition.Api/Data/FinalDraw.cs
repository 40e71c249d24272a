using System.Text.Json;
using Assemblee.Common.Messaging;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.Sortition.Engine.Model;
using Npgsql;

namespace Assemblee.Sortition.Data;

/// <summary>
/// Stage 2: prepares the lottery (LEXIMIN over the respondents, rounded to M panels, committed), draws it with the
/// dice and beacon values, and designates substitutes. Each step is one transaction with its event.
/// </summary>
public sealed class FinalDraw(
    NpgsqlDataSource dataSource, DrawStore draws, Outbox outbox, PersonalDataLog log, TimeProvider time, ILogger<FinalDraw> logger)
{
    public async Task PrepareAsync(Guid drawId, CancellationToken cancellationToken)
    {
        var (draw, pool) = await LoadPoolAsync(drawId, cancellationToken);
        var specification = draw.Specification;
        var problem = new SelectionProblem(specification.QuotaCategories, [.. specification.Quotas()],
            [.. pool.Select(r => new Respondent(r.Id, [.. specification.QuotaCategories.Select(c => r.Profile[c])], r.Household))],
            specification.PanelSize, specification.OneOfEachHousehold);
        if (problem.Validate() is { Count: > 0 } problems)
        {
            await draws.SaveDiagnosisAsync(drawId, new { problems }, cancellationToken);
            return;
        }
        try
        {
            var result = Leximin.Select(problem);
            logger.LogInformation("Draw {DrawId}: LEXIMIN over {Pool} respondents in {Seconds:F1} s, minimum probability {Minimum:P2}",
                drawId, problem.Pool.Count, result.Elapsed.TotalSeconds, result.MinProbability);
            var record = DrawRecord.Prepare(problem, result, specification.LotteryPanels, specification.Substitutes, time.GetUtcNow(), specification.Title);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await DrawStore.SaveRecordAsync(drawId, record, DrawStates.Prepared, connection, null, cancellationToken);
        }
        catch (InfeasibleQuotasException ex)
        {
            await draws.SaveDiagnosisAsync(drawId, ex.Diagnosis, cancellationToken);
        }
    }

    /// <summary>Draws with the values entered at the draw; null when the draw is not prepared.</summary>
    public async Task<DrawRecord?> DrawAsync(Draw draw, string dice, string beacon, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockRecordAsync(connection, transaction, draw.Id, DrawStates.Prepared, cancellationToken) is not { } prepared)
        {
            return null;
        }
        var record = prepared.Draw(dice, beacon);
        await DrawStore.SaveRecordAsync(draw.Id, record, DrawStates.Drawn, connection, transaction, cancellationToken);
        await SetStatusAsync(connection, transaction, draw.Id, record.Members!, "selected", cancellationToken);
        await SetStatusAsync(connection, transaction, draw.Id, record.Substitutes!, "substitute", cancellationToken);
        var members = await PeopleAsync(connection, transaction, draw, record.Members!, cancellationToken);
        await log.WriteAsync(
            new PersonalDataAccess(draw.BodyId, draw.Id.ToString(), "sortition", "PanelDrawn event to membership", members.Count), transaction, cancellationToken);
        await outbox.AddAsync(new PanelDrawn(draw.Id, draw.BodyId, draw.Specification.Title, record.Commitment, members, record.Substitutes!,
            time.GetUtcNow()), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Designates the substitute for a member who declined or left.</summary>
    public async Task<DrawnPerson> ReplaceAsync(Draw draw, string leaving, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var record = await LockRecordAsync(connection, transaction, draw.Id, DrawStates.Drawn, cancellationToken)
            ?? throw RuleViolation.Conflict("No replacement", "Only a drawn panel has members to replace.");
        if (!record.CurrentMembers().Contains(leaving))
        {
            throw RuleViolation.Conflict("No replacement", $"{leaving} is not a member of this panel.");
        }
        var (next, substitute) = record.Replace(leaving, reason, time.GetUtcNow());
        if (substitute is null)
        {
            throw RuleViolation.Conflict("No replacement",
                $"No remaining substitute keeps every quota without {leaving}: the body must decide (relax a quota or leave the seat empty).");
        }
        await DrawStore.SaveRecordAsync(draw.Id, next, DrawStates.Drawn, connection, transaction, cancellationToken);
        await SetStatusAsync(connection, transaction, draw.Id, [leaving], "left", cancellationToken);
        await SetStatusAsync(connection, transaction, draw.Id, [substitute], "selected", cancellationToken);
        var person = (await PeopleAsync(connection, transaction, draw, [substitute], cancellationToken)).Single();
        await log.WriteAsync(
            new PersonalDataAccess(draw.BodyId, draw.Id.ToString(), "sortition", "SubstituteDesignated event to membership", 1), transaction, cancellationToken);
        await outbox.AddAsync(new SubstituteDesignated(draw.Id, draw.BodyId, leaving, reason, person, time.GetUtcNow()), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return person;
    }

    private async Task<(Draw Draw, List<(string Id, Dictionary<string, string> Profile, string? Household)> Pool)> LoadPoolAsync(
        Guid drawId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.body_id, r.number, r.features, i.household_hash
            FROM draws d LEFT JOIN respondents r ON r.draw_id = d.id LEFT JOIN invitations i ON i.id = r.invitation_id
            WHERE d.id = $1 ORDER BY r.number
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        var pool = new List<(string, Dictionary<string, string>, string?)>();
        string? bodyId = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                bodyId = reader.GetString(0);
                if (!reader.IsDBNull(1))
                {
                    pool.Add((RespondentStore.RespondentId(reader.GetInt32(1)),
                        JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!, reader.GetString(3)));
                }
            }
        }
        var draw = await draws.FindAsync(bodyId ?? "", drawId, cancellationToken) ?? throw new InvalidOperationException($"Draw {drawId} vanished.");
        return (draw, pool);
    }

    private static async Task<DrawRecord?> LockRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid drawId, string state,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT record FROM draws WHERE id = $1 AND state = $2 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<DrawRecord>(json, SortitionJson.Options)
            : null;
    }

    private static async Task SetStatusAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid drawId, IEnumerable<string> ids,
        string status, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE respondents SET status = $3 WHERE draw_id = $1 AND number = ANY($2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(RespondentStore.NumberOf).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (status == "selected")
        {
            await using var remember = new NpgsqlCommand("""
                INSERT INTO selected_people (body_id, person_hash, draw_id)
                SELECT d.body_id, i.person_hash, d.id FROM respondents r JOIN invitations i ON i.id = r.invitation_id JOIN draws d ON d.id = r.draw_id
                WHERE r.draw_id = $1 AND r.status = 'selected'
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            remember.Parameters.Add(new NpgsqlParameter { Value = drawId });
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>What membership needs to contact the people drawn, in the order given.</summary>
    private static async Task<List<DrawnPerson>> PeopleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Draw draw,
        IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.number, i.seat_group, r.features, i.family_name, i.given_name, i.birth_date, i.address, i.postcode, r.email, r.phone
            FROM respondents r JOIN invitations i ON i.id = r.invitation_id
            WHERE r.draw_id = $1 AND r.number = ANY($2)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = draw.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(RespondentStore.NumberOf).ToArray() });
        var people = new Dictionary<string, DrawnPerson>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = RespondentStore.RespondentId(reader.GetInt32(0));
            people[id] = new DrawnPerson(id, reader.GetString(1), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!,
                reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9));
        }
        return [.. ids.Select(id => people[id])];
    }
}
