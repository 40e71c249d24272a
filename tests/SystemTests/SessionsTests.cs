using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.Membership;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>Sessions through the gateway, with membership's events on the real RabbitMQ.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionsTests(SystemFixture system)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _body = BodyEventsTests.UniqueBodyId();
    private readonly Guid _promotion = Guid.NewGuid();

    private HttpClient Secretariat => system.Gateway("secretary-1", ["secretariat"], [_body]);

    private HttpClient AsMember(Guid member) => system.Gateway(member.ToString(), ["member"], [_body]);

    private string Path(string path) => $"/api/sessions/bodies/{_body}/{path}";

    /// <summary>
    /// Stands in for membership: the event is written to membership's outbox, from which its dispatcher publishes it on
    /// RabbitMQ like any other. Returns the message id.
    /// </summary>
    private async Task<Guid> PublishAsync<T>(T message, string wireName)
    {
        var id = Guid.NewGuid();
        await system.ExecuteAsync("membershipdb", "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, $2, $3::jsonb)",
            id, wireName, JsonSerializer.Serialize(message, Json));
        return id;
    }

    private Task<Guid> ConfirmAsync(Guid member) => PublishAsync(
        new MemberConfirmed(_body, _promotion, member, "electoral-list", false, DateTimeOffset.UtcNow), "membership.member-confirmed.v1");

    /// <summary>Waits until sessions has handled the message (its inbox row), so that what follows sees its effect.</summary>
    private Task HandledAsync(Guid messageId) => Eventually.ReturnsAsync(
        () => system.ScalarAsync<long>("sessionsdb", "SELECT count(*) FROM inbox_messages WHERE message_id = $1", messageId),
        count => count > 0, because: "sessions should handle membership's event");

    private object Plenary(bool isPublic = true) => new
    {
        kind = "plenary",
        title = "Plénière de lancement",
        agenda = new[] { new { title = "Accueil", speakers = new[] { "Secrétariat" }, documentIds = Array.Empty<Guid>() } },
        place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Entrée rue de Rivoli" },
        startsAt = DateTimeOffset.UtcNow.AddDays(2),
        endsAt = DateTimeOffset.UtcNow.AddDays(2).AddHours(3),
        guests = new[]
        {
            new { name = "Jeanne Martin", organisation = "Comité des garants", role = "garante", namedInPublicMinutes = true },
        },
        @public = isPublic,
    };

    private async Task<Guid> PlanAsync(object session)
    {
        var planned = await Secretariat.PostAsJsonAsync(Path($"promotions/{_promotion}/sessions"), session);
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        return (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

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
        await HandledAsync(await PublishAsync(new MemberLeft(_body, _promotion, members[1], "resigned", DateTimeOffset.UtcNow),
            "membership.member-left.v1"));
        await system.ExecuteAsync("membershipdb", "UPDATE outbox_messages SET dispatched_at = NULL WHERE id = $1", late);
        await Eventually.ReturnsAsync(() => system.ScalarAsync<int?>("sessionsdb",
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
        Assert.Equal(1L, await system.ScalarAsync<long>("sessionsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'sessions.session-convened.v1' AND body->>'sessionId' = $1",
                session.ToString()));
    }

    [Fact]
    public async Task A_session_is_read_by_the_public_only_when_public_and_cancelling_it_tells_the_members()
    {
        var open = await PlanAsync(Plenary());
        var closed = await PlanAsync(Plenary(isPublic: false));
        var anonymous = system.Gateway();

        var listed = await anonymous.GetFromJsonAsync<List<JsonElement>>(Path($"promotions/{_promotion}/sessions"));
        var hidden = await anonymous.GetAsync(Path($"sessions/{closed}"));
        var insider = await AsMember(Guid.NewGuid()).GetFromJsonAsync<List<JsonElement>>(Path($"promotions/{_promotion}/sessions"));
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
    public async Task The_current_phase_is_public_and_phases_do_not_overlap()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var phases = Path($"promotions/{_promotion}/phases");
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

        var list = await system.Gateway().GetFromJsonAsync<JsonElement>(phases);

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
        var requests = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, Path($"promotions/{_promotion}/sessions"), Plenary()),
            (HttpMethod.Post, Path($"sessions/{session}/convocation"), null),
            (HttpMethod.Post, Path($"sessions/{session}/cancellation"), new { reason = "x" }),
            (HttpMethod.Get, Path($"sessions/{session}/convocations"), null),
            (HttpMethod.Post, Path($"promotions/{_promotion}/phases"), new { name = "P", startsOn = "2027-01-01", endsOn = "2027-02-01" }),
        };
        var outsiders = new[]
        {
            system.Gateway("member-1", ["member"], [_body]),
            system.Gateway("exec-1", ["executive"], [_body]),
            system.Gateway("secretary-9", ["secretariat"], ["another-body"]),
        };

        foreach (var client in outsiders)
        {
            foreach (var (method, path, body) in requests)
            {
                var response = await client.SendAsync(new HttpRequestMessage(method,
                    path)
                { Content = body is null ? null : JsonContent.Create(body) });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
            }
        }
        var asSecretariat = await Secretariat.PutAsJsonAsync(Path($"sessions/{session}/convocations/me"), new { answer = "attending" });
        var otherBodysMember = await system.Gateway(Guid.NewGuid().ToString(), ["member"], ["another-body"])
            .PutAsJsonAsync(Path($"sessions/{session}/convocations/me"), new { answer = "attending" });
        var anonymous = await system.Gateway().PostAsJsonAsync(Path($"sessions/{session}/convocation"), new { });
        Assert.Equal(HttpStatusCode.Forbidden, asSecretariat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherBodysMember.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Gateway("x", ["member"],
            ["another-body"]).GetAsync(Path($"sessions/{session}"))).StatusCode);
    }
}
