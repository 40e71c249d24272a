using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;
using Npgsql;

namespace Assemblee.SystemTests;

/// <summary>Members' compensation through the gateway: statements from attendance and rates, approval, adjustments, CSV and PDF.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionCompensationTests(SystemFixture system) : SessionsTestBase(system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private string Compensation(string path) => Path($"compensation/{path}");

    private async Task<Dictionary<Guid, JsonElement>> StatementsAsync(string month)
    {
        var response = await Secretariat.GetAsync(Compensation($"months/{month}/statements"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!.ToDictionary(s => s.GetProperty("memberId").GetGuid());
    }

    private static decimal Total(JsonElement statement) => statement.GetProperty("total").GetDecimal();

    [Fact]
    public async Task A_month_of_attendance_gives_statements_of_attendance_times_rates_and_a_later_correction_an_adjustment()
    {
        var members = await ActiveMembersAsync(3);
        var perPlenary = await Secretariat.PostAsJsonAsync(Compensation("rates"),
            new { sessionKind = "plenary", unit = "session", amount = 50.00m, effectiveFrom = "2020-01-01" });
        var perHalfDay = await Secretariat.PostAsJsonAsync(Compensation("rates"),
            new { unit = "half-day", amount = 27.35m, effectiveFrom = "2020-01-01" });
        var (plenary, plenaryCode) = await SessionUnderWayAsync();
        var (training, trainingCode) = await SessionUnderWayAsync(kind: "training", hours: 5);
        await AsMember(members[2]).PutAsJsonAsync(Path($"sessions/{plenary}/convocations/me"),
            new { answer = "excused", reason = "malade" });
        foreach (var (member, session, code) in new[]
            { (members[0], plenary, plenaryCode), (members[0], training, trainingCode), (members[1], plenary, plenaryCode) })
        {
            Assert.Equal(HttpStatusCode.OK, (await AsMember(member).PostAsJsonAsync(Path($"sessions/{session}/check-in"), new { code }))
                .StatusCode);
        }
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(10), Paris);
        var month = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var nextMonth = start.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var drafts = await StatementsAsync(month);
        var approval = await Secretariat.PostAsync(Compensation($"months/{month}/approval"), null);
        var again = await Secretariat.PostAsync(Compensation($"months/{month}/approval"), null);
        var correction = await Secretariat.PutAsJsonAsync(Path($"sessions/{plenary}/attendance/{members[1]}"),
            new { present = false, reason = "Absent, émargé par erreur" });
        var approved = await StatementsAsync(month);
        var next = await StatementsAsync(nextMonth);

        Assert.Equal(HttpStatusCode.Created, perPlenary.StatusCode);
        Assert.Equal(HttpStatusCode.Created, perHalfDay.StatusCode);
        // 50.00 for the plenary, two half-days of the five-hour training at 27.35; the excused member earns nothing.
        Assert.Equal(new[] { (members[0], 104.70m), (members[1], 50.00m) }.OrderBy(d => d.Item1),
            drafts.Select(d => (d.Key, Total(d.Value))).OrderBy(d => d.Key));
        Assert.All(drafts.Values, d => Assert.Equal("draft", d.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, correction.StatusCode);
        Assert.Equal((104.70m, "approved"), (Total(approved[members[0]]), approved[members[0]].GetProperty("state").GetString()));
        Assert.Equal(50.00m, Total(approved[members[1]]));
        var adjustment = Assert.Single(next[members[1]].GetProperty("lines").EnumerateArray());
        Assert.Equal((-50.00m, true), (adjustment.GetProperty("amount").GetDecimal(), adjustment.GetProperty("adjustment").GetBoolean()));
        Assert.DoesNotContain(members[0], next.Keys);
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("sessionsdb", """
            SELECT count(*) FROM outbox_messages
            WHERE message_type = 'sessions.compensation-statement-approved.v1' AND body->>'bodyId' = $1
            """, Body));
        await Assert.ThrowsAsync<PostgresException>(() => Fixture.ExecuteAsync("sessionsdb",
            "UPDATE compensation_statements SET total = 0 WHERE member_id = $1", members[0]));

        // The payment department's export and the member's PDF.
        var csv = await Secretariat.GetAsync(Compensation($"months/{month}/statements.csv"));
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("statement_id,member_id,month,lines,total_eur,approved_at", rows[0]);
        Assert.Equal(["104.70", "50.00"], rows.Skip(1).OrderBy(r => r.Split(',')[1] == members[0].ToString() ? 0 : 1)
            .Select(r => r.Split(',')[4]));
        var excused = await AsMember(members[2]).GetAsync(Compensation($"months/{month}/statements/me"));
        Assert.Equal(HttpStatusCode.NotFound, excused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await AsMember(members[1]).GetAsync(Compensation($"months/{nextMonth}/statements/me.pdf"))).StatusCode);
        var pdf = await AsMember(members[0]).GetAsync(Compensation($"months/{month}/statements/me.pdf"));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ReadAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("104,70", text);
        Assert.Contains("Relev", text);

        // Every reading of statements is in sessions' access log: the review, the export and each statement, by whom.
        var reads = (await Secretariat.GetFromJsonAsync<List<JsonElement>>(Compensation("personal-data-reads")))!;
        var purposes = reads.Select(read => read.GetProperty("purpose").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "review", "payment export", "statement" }, purposes);
        Assert.Contains(reads, read => read.GetProperty("purpose").GetString() == "payment export"
            && read.GetProperty("actor").GetString() == $"secretary-{Body}" && read.GetProperty("people").GetInt32() == 2);
    }
}
