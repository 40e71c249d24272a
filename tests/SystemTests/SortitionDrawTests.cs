using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;

namespace Assemblee.SystemTests;

/// <summary>A whole draw through the sortition service: lists, invitations, answers, lottery, draw, replacement, erasure.</summary>
[Collection(SystemCollection.Name)]
public sealed class SortitionDrawTests(SystemFixture system)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SortitionScenario _scenario = new(system, BodyEventsTests.UniqueBodyId());

    private string BodyId => _scenario.Body;

    private HttpClient Secretariat => _scenario.Secretariat;

    [Fact]
    public async Task A_bad_list_is_refused_whole_with_its_line_numbers_and_the_list_already_imported_stays()
    {
        var draw = await _scenario.CreateDrawAsync();
        var good = SortitionScenario.SourceList("E", 500);
        var lines = good.TrimEnd('\n').Split('\n');
        lines[11] = lines[11].Replace(",Nom10,", ",,", StringComparison.Ordinal);
        lines[21] = lines[21][..^5] + "78020";
        var bad = string.Join('\n', lines) + "\n" + lines[4] + "\nE999999,Nom,Jean,1980-02-30,M,1 rue X,75011\n";

        var imported = await _scenario.ImportAsync(draw, "electoral", good);
        var refused = await _scenario.ImportAsync(draw, "electoral", bad);
        var unknownList = await _scenario.ImportAsync(draw, "phone-book", good);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(500, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(4, problem.GetProperty("errorCount").GetInt32());
        Assert.Equal(["line 12: family_name", "line 22: postcode '78020'", "line 502: this id appears",
            "line 503: birth_date '1980-02-30'"],
            errors.Select((e, i) => e[..new[] { 20, 25, 25, 33 }[i]]));
        Assert.Equal([(12, "name-length"), (22, "postcode"), (502, "repeated-id"), (503, "birth-date")],
            problem.GetProperty("refusedLines").EnumerateArray()
                .Select(line => (line.GetProperty("line").GetInt32(), line.GetProperty("code").GetString()!)));
        Assert.Equal(HttpStatusCode.NotFound, unknownList.StatusCode);
        Assert.Equal(500L, await ScalarAsync<long>($"SELECT count(*) FROM list_rows_{draw:N}_0"));
    }

    [Fact]
    public async Task The_invitation_draw_is_stratified_reproducible_from_its_seed_and_erases_the_uninvited()
    {
        var first = await _scenario.InvitedDrawAsync("seed-2026-11");
        var second = await _scenario.InvitedDrawAsync("seed-2026-11");

        var invited = await InvitedLinesAsync(first);
        Assert.Equal(80, invited.Count);
        Assert.Equal(invited, await InvitedLinesAsync(second));
        Assert.Null(await ScalarAsync<string?>($"SELECT to_regclass('list_rows_{first:N}_0')::text"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM list_strata WHERE draw_id = '{first}'"));
        // Proportional allocation: every arrondissement with at least 3 % of the roll gets at least one letter.
        Assert.True(await ScalarAsync<long>($"SELECT count(DISTINCT split_part(stratum, '|', 1)) FROM invitations "
            + $"WHERE draw_id = '{first}' AND seat_group = 'electoral-list'") >= 18);
        await Eventually.ReturnsAsync(
            () => ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE message_type = 'sortition.invitations-drawn.v1' "
                + $"AND body->>'drawId' = '{first}' AND dispatched_at IS NOT NULL"),
            n => n == 1, because: "InvitationsDrawn should be published");
    }

    [Fact]
    public async Task From_answers_to_a_verifiable_draw_with_a_replacement_keeping_every_quota()
    {
        var draw = await _scenario.InvitedDrawAsync("seed-final");
        var letters = await _scenario.LettersAsync(draw);
        Assert.Equal(80, letters.Count);

        // 40 answers, half of them women; then the refusals.
        var answering = await _scenario.AnswerAsync(letters);
        var anonymous = system.App.CreateHttpClient("sortition");
        var again = await anonymous.PostAsJsonAsync("/api/sortition/respondents",
            new { invitationCode = answering[0].GetProperty("code").GetString(), profile = new { gender = "female" } });
        var unknown = await anonymous.PostAsJsonAsync("/api/sortition/respondents", new
        {
            invitationCode = "NOSUCHCODE",
            profile = new { gender = "female" }
        });
        var badProfile = await anonymous.PostAsJsonAsync("/api/sortition/respondents",
            new
            {
                invitationCode = letters.Except(answering).First().GetProperty("code").GetString(),
                profile = new
                {
                    gender = "unknown",
                    shoeSize = "42"
                }
            });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badProfile.StatusCode);
        var badErrors = (await badProfile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(badErrors.TryGetProperty("profile.gender", out _) && badErrors.TryGetProperty("profile.shoeSize", out _));

        // Stage 2: the lottery is prepared and committed before any randomness.
        var committed = await _scenario.PrepareAsync(draw);
        Assert.False(committed.IsDrawn);
        Assert.Empty(DrawVerifier.Verify(committed));

        var drawn = await _scenario.DrawAsync(draw, "5 2 6 6 1", "drand-4242-0x9f");
        var drawnTwice = await _scenario.DrawAsync(draw, "1 1 1 1 1", "other");
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, drawnTwice.StatusCode);
        var record = await _scenario.RecordAsync(draw);
        Assert.Equal(committed.Commitment, record.Commitment);
        Assert.Equal(10, record.Members!.Count);
        Assert.Empty(DrawVerifier.Verify(record));
        Assert.Contains(record.Commitment, await system.Gateway().GetStringAsync($"/api/sortition/draws/{draw}/record.md"));

        // Two members from the electoral lists leave: the first substitute keeping every quota takes each seat, over REST then over gRPC.
        // Members leave: the first substitute (in drawn order) keeping every quota takes each seat, as the engine says; when no
        // substitute can, the service says so and changes nothing. Quotas often sit at a bound, so not every member can be replaced.
        var now = DateTimeOffset.UtcNow;
        var outcomes = record.Members.Select(id => (Leaving: id, Substitute: record.Replace(id, "declined", now).Substitute)).ToList();
        var (first, firstSubstitute) = outcomes.First(o => o.Substitute is not null);
        var afterFirst = record.Replace(first, "declined", now).Record;
        var second = afterFirst.CurrentMembers().First(id => id != firstSubstitute && afterFirst.Replace(id, "no answer",
            now).Substitute is not null);
        if (outcomes.FirstOrDefault(o => o.Substitute is null).Leaving is { } irreplaceable)
        {
            var refused = await Secretariat.PostAsJsonAsync($"/api/sortition/bodies/{BodyId}/draws/{draw}/replacements",
                new { leaving = irreplaceable, reason = "declined" });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("No remaining substitute keeps every quota", await refused.Content.ReadAsStringAsync());
        }
        var declined = await Secretariat.PostAsJsonAsync($"/api/sortition/bodies/{BodyId}/draws/{draw}/replacements",
            new { leaving = first, reason = "declined" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal(firstSubstitute, (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("substitute").GetString());
        using var channel = GrpcChannel.ForAddress(system.App.GetEndpoint("gateway", "grpc"));
        var client = new Contracts.Sortition.V1.Sortition.SortitionClient(channel);
        var request = new DesignateSubstituteRequest { BodyId = BodyId, DrawId = draw.ToString(), Leaving = second, Reason = "no answer" };
        var asMember = await Assert.ThrowsAsync<RpcException>(() => client.DesignateSubstituteAsync(request, Bearer("member-1", "member",
            BodyId)).ResponseAsync);
        var otherBody = await Assert.ThrowsAsync<RpcException>(() => client.DesignateSubstituteAsync(request, Bearer("secretary-2",
            "secretariat", "other-body")).ResponseAsync);
        var reply = await client.DesignateSubstituteAsync(request, Bearer("secretary-1", "secretariat", BodyId));
        Assert.Equal(StatusCode.PermissionDenied, asMember.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherBody.StatusCode);

        var published = await client.GetDrawRecordAsync(new GetDrawRecordRequest { DrawId = draw.ToString() });
        var final = JsonSerializer.Deserialize<DrawRecord>(published.RecordJson, Json)!;
        Assert.Equal(2, final.Replacements!.Count);
        Assert.Contains(reply.Substitute, published.CurrentMembers);
        Assert.DoesNotContain(second, published.CurrentMembers);
        Assert.Equal(afterFirst.Replace(second, "no answer", now).Substitute, reply.Substitute);
        Assert.Empty(DrawVerifier.Verify(final));
        await Eventually.ReturnsAsync(
            () => ScalarAsync<long>($"""
                SELECT count(*) FROM outbox_messages
                WHERE message_type IN ('sortition.panel-drawn.v2', 'sortition.substitute-designated.v2')
                  AND body->>'drawId' = '{draw}' AND dispatched_at IS NOT NULL
                """),
            n => n == 3, because: "PanelDrawn and two SubstituteDesignated should be published");

        // Every read of personal data is logged: the letters, and membership's reads of the members and substitutes it must reach.
        var guarantor = system.Service("sortition", "guarantor-1", ["guarantor"], [BodyId]);
        var reads = await Eventually.ReturnsAsync(
            () => guarantor.GetFromJsonAsync<List<JsonElement>>($"/api/sortition/bodies/{BodyId}/draws/{draw}/personal-data-reads"),
            list => list!.Count(r => r.GetProperty("actor").GetString() == "membership") == 3,
            because: "membership should read the panel, then each substitute");
        Assert.Contains(reads!, r => r.GetProperty("actor").GetString() == "secretary-1" &&
            r.GetProperty("purpose").GetString() == "invitation letters" && r.GetProperty("people").GetInt32() == 80);
        Assert.Equal([10, 1, 1], reads!.Where(r => r.GetProperty("actor").GetString() == "membership")
            .Select(r => r.GetProperty("people").GetInt32()));

        // Time passes: the response deadline, then the substitute list's validity. Letters of those who did not answer go
        // first, then contact data of those not selected; the members' stay (membership holds them from now on).
        await ExecuteAsync($"UPDATE draws SET specification = jsonb_set(specification, '{{responseDeadline}}', "
            + $"'\"2026-01-01T00:00:00Z\"') WHERE id = '{draw}'");
        await Eventually.ReturnsAsync(() =>
            ScalarAsync<long>($"SELECT count(*) FROM invitations WHERE draw_id = '{draw}' AND family_name IS NULL"), n => n == 40,
            because: "the 40 who did not answer should be erased");
        await ExecuteAsync($"UPDATE draws SET specification = jsonb_set(specification, '{{substitutesValidUntil}}', "
            + $"'\"2026-01-02\"') WHERE id = '{draw}'");
        await Eventually.ReturnsAsync(() =>
            ScalarAsync<long>($"SELECT count(*) FROM respondents WHERE draw_id = '{draw}' AND email IS NOT NULL"), n => n == 10,
            because: "only the 10 seated now (2 of them designated substitutes) keep their contact data");
        Assert.Equal(40L - 10,
            await ScalarAsync<long>($"SELECT count(*) FROM invitations i JOIN respondents r ON r.invitation_id = i.id "
                + $"WHERE r.draw_id = '{draw}' AND i.family_name IS NULL"));
    }

    [Fact]
    public async Task Only_the_bodys_secretariat_runs_its_draws()
    {
        var draw = await _scenario.CreateDrawAsync();
        var specification = SortitionScenario.Specification(DateTimeOffset.UtcNow.AddDays(1));
        var paths = new[] { $"/api/sortition/bodies/{BodyId}/draws", $"/api/sortition/bodies/{BodyId}/draws/{draw}",
            $"/api/sortition/bodies/{BodyId}/draws/{draw}/respondents",
            $"/api/sortition/bodies/{BodyId}/draws/{draw}/invitations" };

        foreach (var (subject, roles, bodies) in new[] { ("member-1", "member", BodyId), ("secretary-9", "secretariat", "another-body"),
            ("exec-1", "executive", BodyId) })
        {
            var client = system.Gateway(subject, [roles], [bodies]);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(paths[0], specification)).StatusCode);
            foreach (var path in paths)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{paths[1]}/draw", new
            {
                dice = "1",
                beacon = "2"
            })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Gateway().GetAsync(paths[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway("member-1", ["member"],
            [BodyId]).GetAsync($"{paths[1]}/personal-data-reads")).StatusCode);
        var invalid = await Secretariat.PostAsJsonAsync(paths[0], new { title = "", panelSize = 0, seatGroups = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
    }

    private Metadata Bearer(string subject, string role, string body) => new() { { "authorization",
        $"Bearer {system.Token(subject, [role], [body])}" } };

    private async Task<List<string>> InvitedLinesAsync(Guid draw)
    {
        await using var dataSource = NpgsqlDataSource.Create(await system.ConnectionStringAsync("sortitiondb"));
        await using var command = dataSource.CreateCommand(
            "SELECT seat_group || ':' || list_line || ':' || stratum FROM invitations WHERE draw_id = $1 ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter { Value = draw });
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    private Task<T> ScalarAsync<T>(string sql) => system.ScalarAsync<T>("sortitiondb", sql);

    private Task ExecuteAsync(string sql) => system.ExecuteAsync("sortitiondb", sql);
}
