using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.Membership;
using Assemblee.SystemTests.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;

namespace Assemblee.SystemTests;

/// <summary>Changes to sessions and the calendars that follow them, through the gateway, parsed with an iCalendar parser.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionCalendarTests(SystemFixture system) : SessionsTestBase(system)
{
    private static string Uid(Guid session) => $"session-{session}@assemblee.paris.fr";

    private async Task<Calendar> CalendarAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    private static CalendarEvent EventOf(Calendar calendar, Guid session) => calendar.Events.Single(e => e.Uid == Uid(session));

    private Task<long> ChangesAsync(Guid session, string change) => Fixture.ScalarAsync<long>("sessionsdb", """
        SELECT count(*) FROM outbox_messages
        WHERE message_type = 'sessions.session-changed.v1' AND body->>'sessionId' = $1 AND body->>'change' = $2
        """, session.ToString(), change);

    [Fact]
    public async Task A_moved_session_keeps_its_uid_with_a_higher_sequence_in_every_calendar_and_invited_members_are_told()
    {
        var member = (await ActiveMembersAsync(1))[0];
        var session = await PlanAsync(Plenary());
        var hidden = await PlanAsync(Plenary(isPublic: false));
        await Secretariat.PostAsync(Path($"sessions/{session}/convocation"), null);
        var link = await AsMember(member).PostAsync(Path("calendar-feeds/me"), null);
        var feed = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var anonymous = Fixture.Gateway();
        var before = EventOf(await CalendarAsync(anonymous, feed), session);

        var newStart = DateTimeOffset.UtcNow.AddDays(5);
        var moved = await Secretariat.PutAsJsonAsync(Path($"sessions/{session}"), Plenary(startsAt: newStart));
        var file = EventOf(await CalendarAsync(anonymous, Path($"sessions/{session}/calendar.ics")), session);
        var subscribed = EventOf(await CalendarAsync(anonymous, feed), session);
        var publicFeed = await CalendarAsync(anonymous, Path("calendar.ics"));
        var postponed = await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/postponement"), new { reason = "Salle indisponible" });
        var afterPostponement = EventOf(await CalendarAsync(anonymous, feed), session);

        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        Assert.Equal(0, before.Sequence);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal((1, newStart.UtcDateTime.ToString("u")), (file.Sequence, file.DtStart!.AsUtc.ToString("u")));
        Assert.Equal(1, subscribed.Sequence);
        Assert.Equal([Uid(session)], publicFeed.Events.Select(e => e.Uid));
        Assert.DoesNotContain(publicFeed.Events, e => e.Uid == Uid(hidden));
        Assert.Equal(HttpStatusCode.OK, postponed.StatusCode);
        Assert.Equal((2, "TENTATIVE"), (afterPostponement.Sequence, afterPostponement.Status));
        Assert.Equal(1L, await ChangesAsync(session, "rescheduled"));
        Assert.Equal(1L, await ChangesAsync(session, "postponed"));
    }

    [Fact]
    public async Task A_members_private_link_opens_only_their_sessions_and_a_new_link_a_revocation_or_leaving_closes_it()
    {
        var members = await ActiveMembersAsync(2);
        var session = await PlanAsync(Plenary(isPublic: false));
        await Secretariat.PostAsync(Path($"sessions/{session}/convocation"), null);
        var anonymous = Fixture.Gateway();
        async Task<string> LinkAsync(Guid member) => (await (await AsMember(member).PostAsync(Path("calendar-feeds/me"), null)).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        var first = await LinkAsync(members[0]);
        var second = await LinkAsync(members[0]);
        var oldLink = await anonymous.GetAsync(first);
        var current = await CalendarAsync(anonymous, second);
        var revoked = await AsMember(members[0]).DeleteAsync(Path("calendar-feeds/me"));
        var afterRevocation = await anonymous.GetAsync(second);
        var otherBody = await anonymous.GetAsync(second.Replace(Body, "another-body"));

        Assert.Equal(HttpStatusCode.NotFound, oldLink.StatusCode);
        Assert.Equal([Uid(session)], current.Events.Select(e => e.Uid));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRevocation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Path($"sessions/{session}/calendar.ics"))).StatusCode);

        // A member who leaves loses their link with their seat.
        var leaving = await LinkAsync(members[1]);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(leaving)).StatusCode);
        await HandledAsync(await PublishAsync(new MemberLeft(Body, Promotion, members[1], "resigned", DateTimeOffset.UtcNow),
            "membership.member-left.v1"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(leaving)).StatusCode);
    }

    [Fact]
    public async Task A_session_recorded_as_held_takes_no_more_check_ins_but_the_roll_can_still_be_called()
    {
        var members = await ActiveMembersAsync(2);
        var (session, code) = await SessionUnderWayAsync();
        var tooEarly = await Secretariat.PostAsync(Path($"sessions/{session}/closure"), null);
        await Fixture.ExecuteAsync("sessionsdb", "UPDATE sessions SET starts_at = now() - interval '1 hour' WHERE id = $1", session);

        var held = await Secretariat.PostAsync(Path($"sessions/{session}/closure"), null);
        var checkIn = await AsMember(members[0]).PostAsJsonAsync(Path($"sessions/{session}/check-in"), new { code });
        var rollCall = await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/roll-call"), new { present = members });

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("held", (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, checkIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rollCall.StatusCode);
        Assert.Equal(1L, await ChangesAsync(session, "held"));
    }
}
