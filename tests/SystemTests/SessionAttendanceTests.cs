using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>Attendance at sessions through the gateway: check-in codes, roll call, corrections and their audit.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionAttendanceTests(SystemFixture system) : SessionsTestBase(system)
{
    private Task<HttpResponseMessage> CheckInAsync(Guid member, Guid session, string code) =>
        AsMember(member).PostAsJsonAsync(Path($"sessions/{session}/check-in"), new { code });

    private Task<HttpResponseMessage> CallRollAsync(Guid session, params Guid[] present) =>
        Secretariat.PostAsJsonAsync(Path($"sessions/{session}/roll-call"), new { present });

    [Fact]
    public async Task A_member_checks_in_once_only_in_the_window_and_only_with_the_code_of_the_session()
    {
        var members = await ActiveMembersAsync(2);
        var (session, code) = await SessionUnderWayAsync();
        var (other, otherCode) = await SessionUnderWayAsync();
        var later = await PlanAsync(Plenary(startsAt: DateTimeOffset.UtcNow.AddDays(3)));
        await Secretariat.PostAsync(Path($"sessions/{later}/convocation"), null);
        var laterCode = (await Secretariat.GetFromJsonAsync<JsonElement>(Path($"sessions/{later}/check-in-code"))).GetProperty("code")
            .GetString()!;

        var withOtherCode = await CheckInAsync(members[0], session, otherCode);
        var checkedIn = await CheckInAsync(members[0], session, code.ToLowerInvariant().Insert(4, "-"));
        var twice = await CheckInAsync(members[0], session, code);
        var tooEarly = await CheckInAsync(members[0], later, laterCode);
        var uninvited = await CheckInAsync(Guid.NewGuid(), session, code);
        var elsewhere = await CheckInAsync(members[1], other, otherCode);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withOtherCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, checkedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("Already checked in", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal("Check-in closed", (await tooEarly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, uninvited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        var attendance = await Secretariat.GetFromJsonAsync<List<JsonElement>>(Path($"sessions/{session}/attendance"));
        Assert.Equal([members[0]], attendance!.Select(a => a.GetProperty("memberId").GetGuid()));
        Assert.Equal("check-in", attendance![0].GetProperty("method").GetString());
    }

    [Fact]
    public async Task The_secretariat_calls_the_roll_and_corrects_with_a_reason_the_audit_keeps_and_each_change_is_an_event()
    {
        var members = await ActiveMembersAsync(3);
        var (session, code) = await SessionUnderWayAsync();
        Assert.Equal(HttpStatusCode.OK, (await CheckInAsync(members[0], session, code)).StatusCode);

        var stranger = Guid.NewGuid();
        var withStranger = await CallRollAsync(session, members[1], stranger);
        var rollCall = await CallRollAsync(session, members[0], members[1]);
        var checkOut = await AsMember(members[1]).PostAsync(Path($"sessions/{session}/check-out"), null);
        var arrived = DateTimeOffset.UtcNow.AddMinutes(-5);
        var noReason = await Secretariat.PutAsJsonAsync(Path($"sessions/{session}/attendance/{members[2]}"),
            new { present = true, arrivedAt = arrived, reason = " " });
        var corrected = await Secretariat.PutAsJsonAsync(Path($"sessions/{session}/attendance/{members[2]}"),
            new { present = true, arrivedAt = arrived, reason = "Émargement sur la feuille papier" });
        var removed = await Secretariat.PutAsJsonAsync(Path($"sessions/{session}/attendance/{members[0]}"),
            new { present = false, reason = "Parti avant l'appel" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withStranger.StatusCode);
        Assert.Equal([stranger.ToString()], (await withStranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uninvited")
            .EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(HttpStatusCode.OK, rollCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, checkOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        var attendance = (await Secretariat.GetFromJsonAsync<List<JsonElement>>(Path($"sessions/{session}/attendance")))!
            .ToDictionary(a => a.GetProperty("memberId").GetGuid());
        Assert.Equal(new[] { members[1], members[2] }.Order(), attendance.Keys.Order());
        Assert.Equal("roll-call", attendance[members[1]].GetProperty("method").GetString());
        Assert.NotEqual(JsonValueKind.Null, attendance[members[1]].GetProperty("departedAt").ValueKind);
        var audit = (await Secretariat.GetFromJsonAsync<List<JsonElement>>(Path($"sessions/{session}/attendance/corrections")))!;
        Assert.Equal(["Émargement sur la feuille papier", "Parti avant l'appel"], audit.Select(c => c.GetProperty("reason").GetString()));
        Assert.All(audit, c => Assert.Equal($"secretary-{Body}", c.GetProperty("actor").GetString()));
        Assert.Equal(JsonValueKind.Null, audit[0].GetProperty("before").ValueKind);
        Assert.Equal("check-in", audit[1].GetProperty("before").GetProperty("method").GetString());

        // Check-in, roll call (one new arrival), check-out and two corrections: five AttendanceRecorded.
        Assert.Equal(5L, await Fixture.ScalarAsync<long>("sessionsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'sessions.attendance-recorded.v1' AND body->>'sessionId' = $1",
            session.ToString()));
    }
}
