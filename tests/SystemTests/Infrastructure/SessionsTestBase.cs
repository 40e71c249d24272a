using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.Membership;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>
/// What tests of the sessions service share: they drive it through the gateway for one fresh body and promotion, and stands in for
/// membership by writing
/// its events to membership's outbox, from which its dispatcher publishes them on RabbitMQ like any other.
/// </summary>
public abstract class SessionsTestBase(SystemFixture system)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected SystemFixture Fixture => system;

    protected string Body { get; } = BodyEventsTests.UniqueBodyId();

    protected Guid Promotion { get; } = Guid.NewGuid();

    /// <summary>The body's secretariat, a subject of its own so that other tests do not spend its rate limit.</summary>
    protected HttpClient Secretariat => system.Gateway($"secretary-{Body}", ["secretariat"], [Body]);

    protected HttpClient AsMember(Guid member) => system.Gateway(member.ToString(), ["member"], [Body]);

    protected string Path(string path) => $"/api/sessions/bodies/{Body}/{path}";

    /// <summary>Writes a membership event to membership's outbox; returns its message id.</summary>
    protected async Task<Guid> PublishAsync<T>(T message, string wireName)
    {
        var id = Guid.NewGuid();
        await system.ExecuteAsync("membershipdb", "INSERT INTO outbox_messages (id, message_type, body) VALUES ($1, $2, $3::jsonb)",
            id, wireName, JsonSerializer.Serialize(message, Json));
        return id;
    }

    protected Task<Guid> ConfirmAsync(Guid member) => PublishAsync(
        new MemberConfirmed(Body, Promotion, member, "electoral-list", false, DateTimeOffset.UtcNow), "membership.member-confirmed.v1");

    /// <summary>Waits until sessions has handled every message (its inbox rows), so that what follows sees their effect.</summary>
    protected Task HandledAsync(params Guid[] messageIds) => Eventually.ReturnsAsync(
        () => system.ScalarAsync<long>("sessionsdb", "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", messageIds),
        count => count == messageIds.Length, timeout: TimeSpan.FromMinutes(2), because: "sessions should handle membership's events");

    /// <summary>Members confirmed and known to sessions as active.</summary>
    protected async Task<List<Guid>> ActiveMembersAsync(int count)
    {
        var members = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        var messages = new List<Guid>();
        foreach (var member in members)
        {
            messages.Add(await ConfirmAsync(member));
        }
        await HandledAsync([.. messages]);
        return members;
    }

    protected static object Plenary(bool isPublic = true, DateTimeOffset? startsAt = null) =>
        SessionOf("plenary", isPublic, startsAt ?? DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(3));

    protected static object SessionOf(string kind, bool isPublic, DateTimeOffset startsAt, TimeSpan length) => new
    {
        kind,
        title = kind == "plenary" ? "Plénière de lancement" : "Formation",
        agenda = new[] { new { title = "Accueil", speakers = new[] { "Secrétariat" }, documentIds = Array.Empty<Guid>() } },
        place = new { address = "Hôtel de Ville, 75004 Paris", room = "Salle des fêtes", access = "Entrée rue de Rivoli" },
        startsAt,
        endsAt = startsAt + length,
        guests = new[]
        {
            new { name = "Jeanne Martin", organisation = "Comité des garants", role = "garante", namedInPublicMinutes = true },
        },
        @public = isPublic,
    };

    protected async Task<Guid> PlanAsync(object session)
    {
        var planned = await Secretariat.PostAsJsonAsync(Path($"promotions/{Promotion}/sessions"), session);
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        return (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// A session (a three-hour plenary unless told) planned to start in ten minutes and convened: its doors are open (check-in
    /// starts half an hour before), and the members were invited. Returns the session and its check-in code.
    /// </summary>
    protected async Task<(Guid Session, string Code)> SessionUnderWayAsync(bool isPublic = true, string kind = "plenary",
        double hours = 3)
    {
        var session = await PlanAsync(SessionOf(kind, isPublic, DateTimeOffset.UtcNow.AddMinutes(10), TimeSpan.FromHours(hours)));
        Assert.Equal(HttpStatusCode.OK, (await Secretariat.PostAsync(Path($"sessions/{session}/convocation"), null)).StatusCode);
        var code = await Secretariat.GetFromJsonAsync<JsonElement>(Path($"sessions/{session}/check-in-code"));
        return (session, code.GetProperty("code").GetString()!);
    }

    protected async Task<Guid> PrepareVoteAsync(Guid session, object vote)
    {
        var prepared = await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/votes"), vote);
        Assert.Equal(HttpStatusCode.Created, prepared.StatusCode);
        return (await prepared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The totals of a show of hands, as the secretariat counts them.</summary>
    protected static Dictionary<string, int> Hands(int @for, int against) => new() { ["for"] = @for, ["against"] = against };
}
