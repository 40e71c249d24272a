using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.Membership;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>Sessions through the gateway, with membership's events on the real RabbitMQ.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionsTests(SystemFixture system) : SessionsTestBase(system)
{
    private async Task<JsonElement> ConvocationsAsync(Guid session) =>
        await Secretariat.GetFromJsonAsync<JsonElement>(Path($"sessions/{session}/convocations"));

    private static List<Guid> Invited(JsonElement convocations) =>
        [.. convocations.GetProperty("convocations").EnumerateArray().Select(c => c.GetProperty("memberId").GetGuid())];

    [Fact]
    public async Task Convening_invites_every_active_member_once_then_those_who_become_active_and_no_longer_those_who_leave()
    {
        var members = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        foreach (var member in members.Take(3))
        {
            await HandledAsync(await ConfirmAsync(member));
        }
        var session = await PlanAsync(Plenary());

        var convened = await Secretariat.PostAsync(Path($"sessions/{session}/convocation"), null);
        var again = await Secretariat.PostAsync(Path($"sessions/{session}/convocation"), null);

        Assert.Equal(HttpStatusCode.OK, convened.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(members.Take(3).Order(), Invited(await ConvocationsAsync(session)).Order());

        // A substitute confirmed afterwards is invited; a member who leaves no longer is; a redelivery changes nothing.
        var late = await ConfirmAsync(members[3]);
        await HandledAsync(late);
        await HandledAsync(await PublishAsync(new MemberLeft(Body, Promotion, members[1], "resigned", DateTimeOffset.UtcNow),
            "membership.member-left.v1"));
        await Fixture.ExecuteAsync("membershipdb", "UPDATE outbox_messages SET dispatched_at = NULL WHERE id = $1", late);
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<int?>("sessionsdb",
            "SELECT duplicates FROM inbox_messages WHERE message_id = $1", late),
            duplicates => duplicates == 1, because: "sessions should recognise the redelivered event");
        Assert.Equal(new[] { members[0], members[2], members[3] }.Order(), Invited(await ConvocationsAsync(session)).Order());

        // Members answer; the secretariat sees the expected attendance.
        var attending = await AsMember(members[0]).PutAsJsonAsync(Path($"sessions/{session}/convocations/me"),
            new { answer = "attending" });
        var noReason = await AsMember(members[2]).PutAsJsonAsync(Path($"sessions/{session}/convocations/me"), new { answer = "excused" });
        var excused = await AsMember(members[2]).PutAsJsonAsync(Path($"sessions/{session}/convocations/me"), new
        {
            answer = "excused",
            reason = "travail"
        });
        var left = await AsMember(members[1]).PutAsJsonAsync(Path($"sessions/{session}/convocations/me"), new { answer = "attending" });
        Assert.Equal(HttpStatusCode.NoContent, attending.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, excused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, left.StatusCode);
        var expected = (await ConvocationsAsync(session)).GetProperty("expected");
        Assert.Equal((3, 1, 1, 1), (expected.GetProperty("invited").GetInt32(), expected.GetProperty("attending").GetInt32(),
            expected.GetProperty("excused").GetInt32(), expected.GetProperty("noAnswer").GetInt32()));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("sessionsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'sessions.session-convened.v1' AND body->>'sessionId' = $1",
                session.ToString()));
    }

    [Fact]
    public async Task Members_confirmed_while_sessions_are_planned_and_convened_are_each_invited_once_to_every_one()
    {
        // Membership's events arrive while the secretariat plans and convenes sessions one after another: whichever comes
        // first, no member is missed, none is invited twice, no convocation fails.
        var members = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToList();
        var confirming = Task.Run(async () =>
        {
            var messages = new List<Guid>();
            foreach (var member in members)
            {
                messages.Add(await ConfirmAsync(member));
                await Task.Delay(100);
            }
            return messages;
        });
        var sessions = new List<Guid>();
        while (!confirming.IsCompleted)
        {
            var session = await PlanAsync(Plenary());
            Assert.Equal(HttpStatusCode.OK, (await Secretariat.PostAsync(Path($"sessions/{session}/convocation"), null)).StatusCode);
            sessions.Add(session);
            // A session a quarter second or so while the members are confirmed: well within the secretariat's rate limit.
            await Task.Delay(250);
        }
        await HandledAsync([.. await confirming]);

        Assert.True(sessions.Count > 1, "the sessions should be convened while the members are confirmed");
        foreach (var session in sessions)
        {
            Assert.Equal(members.Order(), Invited(await ConvocationsAsync(session)).Order());
        }
    }

    [Fact]
    public async Task A_session_is_read_by_the_public_only_when_public_and_cancelling_it_tells_the_members()
    {
        var open = await PlanAsync(Plenary());
        var closed = await PlanAsync(Plenary(isPublic: false));
        var anonymous = Fixture.Gateway();

        var listed = await anonymous.GetFromJsonAsync<List<JsonElement>>(Path($"promotions/{Promotion}/sessions"));
        var hidden = await anonymous.GetAsync(Path($"sessions/{closed}"));
        var insider = await AsMember(Guid.NewGuid()).GetFromJsonAsync<List<JsonElement>>(Path($"promotions/{Promotion}/sessions"));
        var cancelled = await Secretariat.PostAsJsonAsync(Path($"sessions/{open}/cancellation"), new { reason = "Grève des transports" });
        var noReason = await Secretariat.PostAsJsonAsync(Path($"sessions/{closed}/cancellation"), new { reason = "" });

        Assert.Equal([open], listed!.Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal("Jeanne Martin", listed![0].GetProperty("guests")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(2, insider!.Count);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled",
            (await anonymous.GetFromJsonAsync<JsonElement>(Path($"sessions/{open}"))).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Secretariat.PostAsync(Path($"sessions/{open}/convocation"), null)).StatusCode);
    }

    [Fact]
    public async Task A_session_given_in_Paris_time_keeps_its_moment()
    {
        // A caller in Paris writes 18:00+01:00 (the web application's planning form does): the same instant as 17:00 UTC.
        var paris = new DateTimeOffset(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), new TimeOnly(18, 0), TimeSpan.FromHours(1));

        var session = await PlanAsync(Plenary(startsAt: paris));

        var read = await Fixture.Gateway().GetFromJsonAsync<JsonElement>(Path($"sessions/{session}"));
        Assert.Equal(paris, read.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(paris.AddHours(3), read.GetProperty("endsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_current_phase_is_public_and_phases_do_not_overlap()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var phases = Path($"promotions/{Promotion}/phases");
        var discovery = await Secretariat.PostAsJsonAsync(phases, new
        {
            name = "Découverte",
            description = "Choix des thèmes",
            startsOn = today.AddDays(-10),
            endsOn = today.AddDays(20)
        });
        var overlapping = await Secretariat.PostAsJsonAsync(phases, new
        {
            name = "Exploration",
            startsOn = today.AddDays(20),
            endsOn = today.AddDays(80)
        });
        var exploration = await Secretariat.PostAsJsonAsync(phases, new
        {
            name = "Exploration",
            startsOn = today.AddDays(21),
            endsOn = today.AddDays(80)
        });

        var list = await Fixture.Gateway().GetFromJsonAsync<JsonElement>(phases);

        Assert.Equal(HttpStatusCode.Created, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Equal(HttpStatusCode.Created, exploration.StatusCode);
        Assert.Equal("Découverte", list.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(["Découverte", "Exploration"],
            list.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Every_protected_route_refuses_the_wrong_role_and_the_wrong_body()
    {
        var session = await PlanAsync(Plenary(isPublic: false));
        var vote = (await (await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/votes"),
            new { question = "Q ?", majority = "simple", method = "ballot" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id");
        var member = Guid.NewGuid();
        var secretariatOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, Path($"promotions/{Promotion}/sessions"), Plenary()),
            (HttpMethod.Post, Path($"sessions/{session}/convocation"), null),
            (HttpMethod.Post, Path($"sessions/{session}/cancellation"), new { reason = "x" }),
            (HttpMethod.Get, Path($"sessions/{session}/convocations"), null),
            (HttpMethod.Post, Path($"promotions/{Promotion}/phases"), new { name = "P", startsOn = "2027-01-01", endsOn = "2027-02-01" }),
            (HttpMethod.Get, Path($"sessions/{session}/check-in-code"), null),
            (HttpMethod.Post, Path($"sessions/{session}/roll-call"), new { present = new[] { member } }),
            (HttpMethod.Get, Path($"sessions/{session}/attendance"), null),
            (HttpMethod.Put, Path($"sessions/{session}/attendance/{member}"), new { present = false, reason = "x" }),
            (HttpMethod.Get, Path($"sessions/{session}/attendance/corrections"), null),
            (HttpMethod.Put, Path("quorum-rule"), new { percent = 40 }),
            (HttpMethod.Post, Path($"sessions/{session}/votes"), new { question = "Q ?", majority = "simple", method = "ballot" }),
            (HttpMethod.Post, Path($"votes/{vote}/opening"), null),
            (HttpMethod.Post, Path($"votes/{vote}/closing"), null),
            (HttpMethod.Put, Path($"sessions/{session}"), Plenary()),
            (HttpMethod.Post, Path($"sessions/{session}/postponement"), new { reason = "x" }),
            (HttpMethod.Post, Path($"sessions/{session}/closure"), null),
            (HttpMethod.Post, Path("compensation/rates"), new { unit = "session", amount = 10m, effectiveFrom = "2027-01-01" }),
            (HttpMethod.Get, Path("compensation/months/2027-01/statements"), null),
            (HttpMethod.Post, Path("compensation/months/2027-01/approval"), null),
            (HttpMethod.Get, Path("compensation/months/2027-01/statements.csv"), null),
            (HttpMethod.Get, Path($"compensation/months/2027-01/statements/{member}.pdf"), null),
            (HttpMethod.Get, Path("compensation/personal-data-reads"), null),
        };
        var memberOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Put, Path($"sessions/{session}/convocations/me"), new { answer = "attending" }),
            (HttpMethod.Post, Path($"sessions/{session}/check-in"), new { code = "ABCD2345" }),
            (HttpMethod.Post, Path($"sessions/{session}/check-out"), null),
            (HttpMethod.Post, Path($"votes/{vote}/ballots"), new { option = "for" }),
            (HttpMethod.Post, Path("calendar-feeds/me"), null),
            (HttpMethod.Delete, Path("calendar-feeds/me"), null),
            (HttpMethod.Get, Path("compensation/months/2027-01/statements/me"), null),
            (HttpMethod.Get, Path("compensation/months/2027-01/statements/me.pdf"), null),
        };
        var insidersOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, Path($"sessions/{session}/quorum"), null),
            (HttpMethod.Get, Path("compensation/rates"), null),
        };
        var otherBody = new[] { "another-body" };
        var refusals = new (HttpClient Client, (HttpMethod Method, string Path, object? Body)[] Requests)[]
        {
            (Fixture.Gateway("member-1", ["member"], [Body]), secretariatOnly),
            (Fixture.Gateway("exec-1", ["executive"], [Body]), [.. secretariatOnly, .. memberOnly, .. insidersOnly]),
            (Fixture.Gateway("secretary-9", ["secretariat"], otherBody), [.. secretariatOnly, .. insidersOnly]),
            (Secretariat, memberOnly),
            (Fixture.Gateway(Guid.NewGuid().ToString(), ["member"], otherBody), [.. memberOnly, .. insidersOnly]),
        };

        foreach (var (client, requests) in refusals)
        {
            foreach (var (method, path, body) in requests)
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, path)
                {
                    Content = body is null ? null : JsonContent.Create(body)
                });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
            }
        }
        var anonymous = await Fixture.Gateway().PostAsJsonAsync(Path($"sessions/{session}/convocation"), new { });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Fixture.Gateway("x", ["member"], otherBody).GetAsync(Path($"sessions/{session}")))
            .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Fixture.Gateway("x", ["member"], otherBody).GetAsync(Path($"votes/{vote}")))
            .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Fixture.Gateway().GetAsync(Path($"sessions/{session}/votes"))).StatusCode);
    }
}
