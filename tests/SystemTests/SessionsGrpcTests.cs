using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.Sessions.V1;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using SessionsClient = Assemblee.Contracts.Sessions.V1.Sessions.SessionsClient;

namespace Assemblee.SystemTests;

/// <summary>Sessions' internal gRPC service as documents and veille call it, and the executive's access to its hearings.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionsGrpcTests(SystemFixture system) : SessionsTestBase(system)
{
    private const string Deputy = "deputy-mayor-housing";

    private Metadata As(string subject, string role, params string[] bodies) =>
        new() { { "authorization", $"Bearer {Fixture.Token(subject, [role], bodies)}" } };

    private static async Task<StatusCode> RefusalAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

    private static async Task<List<T>> ReadAllAsync<T>(AsyncServerStreamingCall<T> call)
    {
        var items = new List<T>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            items.Add(item);
        }
        return items;
    }

    private async Task<Guid> HearingAsync()
    {
        var start = DateTimeOffset.UtcNow.AddDays(4);
        var planned = await Secretariat.PostAsJsonAsync(Path($"promotions/{Promotion}/sessions"), new
        {
            kind = "hearing",
            title = "Audition de l'adjointe au logement",
            place = new { address = "Hôtel de Ville, 75004 Paris" },
            startsAt = start,
            endsAt = start.AddHours(2),
            guests = new[] { new { name = "Adjointe au logement", organisation = "Exécutif", role = "adjointe", namedInPublicMinutes = true,
                account = Deputy } },
            @public = false,
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        return (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Documents_and_veille_read_sessions_attendance_and_votes_and_the_executive_only_its_hearings()
    {
        var members = await ActiveMembersAsync(2);
        var hearing = await HearingAsync();
        var (session, _) = await SessionUnderWayAsync(isPublic: false);
        await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/roll-call"), new { present = members });
        var subject = new { purpose = "document-validation", documentId = Guid.NewGuid() };
        var prepared = await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/votes"),
            new { question = "Adopter ?", majority = "simple", method = "ballot", subject });
        var vote = (await prepared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Secretariat.PostAsync(Path($"votes/{vote}/opening"), null);
        foreach (var member in members)
        {
            await AsMember(member).PostAsJsonAsync(Path($"votes/{vote}/ballots"), new { option = "for" });
        }
        await Secretariat.PostAsync(Path($"votes/{vote}/closing"), null);
        using var channel = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("sessions", "grpc"));
        var client = new SessionsClient(channel);
        var member0 = As(members[0].ToString(), "member", Body);
        var documents = As("documents", "service");
        var deputy = As(Deputy, "executive", Body);

        var listed = await ReadAllAsync(client.ListSessions(new ListSessionsRequest { BodyId = Body, PromotionId = Promotion.ToString() },
            member0));
        var attendance = await ReadAllAsync(client.ListSessionAttendance(
            new ListSessionAttendanceRequest { BodyId = Body, SessionId = session.ToString() }, documents));
        var mine = await ReadAllAsync(client.ListMemberAttendance(
            new ListMemberAttendanceRequest { BodyId = Body, MemberId = members[0].ToString() }, member0));
        var result = await client.GetVoteAsync(new GetVoteRequest { BodyId = Body, VoteId = vote.ToString() }, documents);
        var deputysList = await ReadAllAsync(client.ListSessions(
            new ListSessionsRequest { BodyId = Body, PromotionId = Promotion.ToString() }, deputy));

        Assert.Equal(new[] { session, hearing }.Order(), listed.Select(s => Guid.Parse(s.Id)).Order());
        Assert.Equal(members.Order(), attendance.Select(a => Guid.Parse(a.MemberId)).Order());
        Assert.Equal([session.ToString()], mine.Select(a => a.SessionId));
        Assert.Equal(("closed", "adopted", 2), (result.State, result.Result.Decision, result.Result.Totals["for"]));
        Assert.Equal([hearing.ToString()], deputysList.Select(s => s.Id));
        Assert.Equal(HttpStatusCode.OK, (await Fixture.Gateway(Deputy, ["executive"], [Body]).GetAsync(Path($"sessions/{hearing}")))
            .StatusCode);

        // Refusals: another executive, another body, another service, another member's attendance, bad ids, and the gateway.
        GetSessionRequest Get(Guid id, string? body = null) => new() { BodyId = body ?? Body, SessionId = id.ToString() };
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => client.GetSessionAsync(Get(hearing), As("exec-2", "executive", Body))
            .ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => client.GetSessionAsync(Get(session), deputy).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => ReadAllAsync(client.ListSessionAttendance(
            new ListSessionAttendanceRequest { BodyId = Body, SessionId = hearing.ToString() }, deputy))));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => client.GetSessionAsync(Get(session),
            As("secretary-9", "secretariat", "another-body")).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => client.GetSessionAsync(Get(session, "another-body"),
            As("secretary-9", "secretariat", "another-body")).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => client.GetSessionAsync(Get(session), As("membership", "service"))
            .ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => ReadAllAsync(client.ListMemberAttendance(
            new ListMemberAttendanceRequest { BodyId = Body, MemberId = members[1].ToString() }, member0))));
        Assert.Equal(StatusCode.InvalidArgument, await RefusalAsync(() => client.GetSessionAsync(
            new GetSessionRequest { BodyId = Body, SessionId = "1; DROP" }, member0).ResponseAsync));
        Assert.Equal(StatusCode.Unauthenticated, await RefusalAsync(() => client.GetSessionAsync(Get(session)).ResponseAsync));
        using var gateway = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("gateway", "grpc"));
        Assert.Equal(StatusCode.Unimplemented, await RefusalAsync(() => new SessionsClient(gateway).GetSessionAsync(Get(session), member0)
            .ResponseAsync));
    }
}
