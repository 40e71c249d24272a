using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.Contracts.People;
using Assemblee.Contracts.Sortition;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.SystemTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.SystemTests;

/// <summary>Membership from the draw to the end of the mandate, on the real servers.</summary>
[Collection(SystemCollection.Name)]
public sealed class MembershipTests(SystemFixture system) : MembershipTestBase(system)
{
    [Fact]
    public async Task A_PanelDrawn_event_creates_the_members_exactly_once_even_when_delivered_twice()
    {
        var draw = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var people = Enumerable.Range(1, 6).Select(n => Person(n, today.AddYears(-40))).ToList();
        // Another body's secretariat claims the draw beforehand: it must not receive the draw's members.
        var otherBody = BodyEventsTests.UniqueBodyId();
        var claim = await Fixture.Service("membership", "secretary-9", ["secretariat"], [otherBody])
            .PostAsJsonAsync($"/api/membership/bodies/{otherBody}/promotions", new
            {
                name = "Intrus",
                drawId = draw,
                seats = new Dictionary<string, int> { ["electoral-list"] = 6 }
            });
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        await SeatInSortitionAsync(draw, people);
        var messageId = await PublishPanelAsync(draw, people);
        var promotion = await PromotionOfDrawAsync(draw, 6);

        // The broker delivers the same message again (same id), then sortition publishes the same panel anew (new id).
        await Fixture.ExecuteAsync("sortitiondb", "UPDATE outbox_messages SET dispatched_at = NULL WHERE id = $1", messageId);
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<int?>("membershipdb",
            "SELECT duplicates FROM inbox_messages WHERE message_id = $1", messageId),
            duplicates => duplicates == 1, because: "membership should recognise the redelivery");
        var republished = await PublishPanelAsync(draw, people);
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM inbox_messages WHERE message_id = $1", republished),
            count => count == 1, because: "membership should handle the republished panel");

        var members = await MembersAsync(promotion);
        Assert.Equal(6, members.Count);
        Assert.All(members, m => Assert.Equal("drawn", StateOf(m.GetProperty("member"))));
        Assert.Equal(people.Select(p => p.RespondentId).Order(), members.Select(m =>
            m.GetProperty("member").GetProperty("respondentId").GetString()).Order());
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM promotions WHERE draw_id = $1 AND body_id = $2", draw, Body));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM members m JOIN promotions p ON p.id = m.promotion_id WHERE p.body_id = $1", otherBody));
        var first = members[0].GetProperty("member");
        Assert.InRange(first.GetProperty("confirmationDeadline").GetDateTimeOffset() - first.GetProperty("enteredAt").GetDateTimeOffset(),
            TimeSpan.FromDays(21) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(21) + TimeSpan.FromSeconds(1));
        var promotionView = await Fixture.Gateway().GetFromJsonAsync<JsonElement>($"/api/membership/bodies/{Body}/promotions/{promotion}");
        Assert.Equal(6, promotionView.GetProperty("promotion").GetProperty("seats").GetProperty("electoral-list").GetInt32());
        Assert.Equal("forming", promotionView.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Only_membership_reads_drawn_peoples_contact_details_from_sortition_for_the_draws_own_body_and_each_read_is_logged()
    {
        var draw = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SeatInSortitionAsync(draw, [Person(1, today.AddYears(-40)), Person(2, today.AddYears(-50))]);
        using var channel = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("sortition", "grpc"));
        var sortition = new DrawnPeople.DrawnPeopleClient(channel);
        using var gatewayChannel = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("gateway", "grpc"));
        GetDrawnPeopleRequest Request(string body, params string[] ids) =>
            new() { BodyId = body, DrawId = draw.ToString(), RespondentIds = { ids } };
        Metadata As(string subject, string role, params string[] bodies) =>
            new() { { "authorization", $"Bearer {Fixture.Token(subject, [role], bodies)}" } };
        async Task<StatusCode> RefusalAsync(DrawnPeople.DrawnPeopleClient client, GetDrawnPeopleRequest request, Metadata? headers) =>
            (await Assert.ThrowsAsync<RpcException>(() => client.GetDrawnPeopleAsync(request, headers).ResponseAsync)).StatusCode;

        Assert.Equal(StatusCode.Unauthenticated, await RefusalAsync(sortition, Request(Body, "R0001"), null));
        Assert.Equal(StatusCode.PermissionDenied,
            await RefusalAsync(sortition, Request(Body, "R0001"), As("secretary-1", "secretariat", Body)));
        Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(sortition, Request(Body, "R0001"), As("veille", "service")));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(sortition, Request("another-body", "R0001"), As("membership", "service")));
        Assert.Equal(StatusCode.InvalidArgument,
            await RefusalAsync(sortition, Request(Body, "R0001", "1; DROP"), As("membership", "service")));
        Assert.Equal(StatusCode.InvalidArgument, await RefusalAsync(sortition, Request(Body), As("membership", "service")));
        Assert.Equal(StatusCode.Unimplemented,
            await RefusalAsync(new DrawnPeople.DrawnPeopleClient(gatewayChannel), Request(Body, "R0001"), As("membership", "service")));

        var reply = await sortition.GetDrawnPeopleAsync(Request(Body, "R0002", "R0001", "R0777"), As("membership", "service"));

        Assert.Equal(["R0001", "R0002"], reply.People.Select(person => person.RespondentId));
        Assert.Equal("Dupont2", reply.People[1].FamilyName);
        Assert.Equal(today.AddYears(-50).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reply.People[1].BirthDate);
        var reads = (await Fixture.Service("sortition", "guarantor-1", ["guarantor"], [Body])
            .GetFromJsonAsync<List<JsonElement>>($"/api/sortition/bodies/{Body}/draws/{draw}/personal-data-reads"))!;
        var read = Assert.Single(reads);
        Assert.Equal("membership", read.GetProperty("actor").GetString());
        Assert.Equal(2, read.GetProperty("people").GetInt32());
    }

    [Fact]
    public async Task A_minor_becomes_active_only_once_a_guardians_consent_is_recorded()
    {
        var (_, members) = await PanelAsync(adults: 1, minors: 1);
        var minor = IdOf(members.Single(m => m.GetProperty("member").GetProperty("minor").GetBoolean()));
        var adult = IdOf(members.Single(m => !m.GetProperty("member").GetProperty("minor").GetBoolean()));

        var tooEarly = await PostAsync(Secretariat, $"members/{minor}/confirmation");
        var badConsent = await PostAsync(Secretariat, $"members/{minor}/consent", new
        {
            guardianName = "",
            relationship = "neighbour",
            method = "shout",
            givenOn = "2099-01-01"
        });
        var adultConsent = await PostAsync(Secretariat, $"members/{adult}/consent", new
        {
            guardianName = "X",
            relationship = "parent",
            method = "signed-form",
            givenOn = "2026-11-01"
        });

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal("Consent required", (await tooEarly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badConsent.StatusCode);
        Assert.Equal(4, (await badConsent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Count());
        Assert.Equal(HttpStatusCode.Conflict, adultConsent.StatusCode);
        Assert.Equal(0L, await OutboxCountAsync("membership.member-confirmed.v1", minor));

        var consent = await PostAsync(Secretariat, $"members/{minor}/consent", new
        {
            guardianName = "Sophie Dupont",
            relationship = "parent",
            method = "signed-form",
            givenOn = "2026-11-15"
        });
        var confirmed = await PostAsync(Secretariat, $"members/{minor}/confirmation");

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("active", StateOf(await confirmed.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1L, await OutboxCountAsync("membership.consent-recorded.v1", minor));
        Assert.Equal(1L, await OutboxCountAsync("membership.member-confirmed.v1", minor));
        var history = (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{Body}/members/{minor}/history"))!;
        var recorded = history.Single(h => h.GetProperty("action").GetString() == "consent-recorded");
        Assert.Equal("secretary-1", recorded.GetProperty("actor").GetString());
        Assert.Equal("signed-form", recorded.GetProperty("detail").GetProperty("method").GetString());
        Assert.Equal("2026-11-15", recorded.GetProperty("detail").GetProperty("givenOn").GetString());
        Assert.Equal(["entered", "consent-recorded", "confirmed"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("Sophie Dupont", await Fixture.ScalarAsync<string>("membershipdb",
            "SELECT guardian_name FROM consents WHERE member_id = $1", minor));
    }

    [Fact]
    public async Task A_refusal_brings_in_the_substitute_keeping_every_quota_through_RabbitMQ_and_gRPC()
    {
        var scenario = new SortitionScenario(Fixture, Body);
        var (draw, record) = await scenario.DrawnPanelAsync("membership-refusal");
        var promotion = await PromotionOfDrawAsync(draw, 10);
        var members = await MembersAsync(promotion);
        var now = DateTimeOffset.UtcNow;
        var leaving = members.First(m => record.Replace(m.GetProperty("member").GetProperty("respondentId").GetString()!, "declined",
            now).Substitute is not null);
        var leavingId = IdOf(leaving);
        var expected = record.Replace(leaving.GetProperty("member").GetProperty("respondentId").GetString()!, "declined", now).Substitute;

        var early = await PostAsync(Secretariat, $"members/{leavingId}/departure", new { kind = "deadline-missed" });
        var declined = await PostAsync(Fixture.Gateway("secretary-1", ["secretariat"], [Body]), $"members/{leavingId}/departure",
            new { kind = "declined", note = "déménage" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var reply = await declined.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("declined", StateOf(reply.GetProperty("member")));
        Assert.Equal("designated", reply.GetProperty("replacement").GetProperty("status").GetString());
        Assert.Equal(expected, reply.GetProperty("replacement").GetProperty("substituteRespondentId").GetString());

        // SubstituteDesignated comes back over RabbitMQ: the substitute enters as drawn and the seat's history links both.
        await PromotionOfDrawAsync(draw, 11);
        var substitute = (await MembersAsync(promotion, "drawn")).Single(m =>
            m.GetProperty("member").GetProperty("respondentId").GetString() == expected);
        Assert.StartsWith("Prénom", substitute.GetProperty("givenName").GetString());
        Assert.Equal(IdOf(substitute), (await MembersAsync(promotion,
            "declined")).Single().GetProperty("member").GetProperty("replacedBy").GetGuid());
        Assert.Contains(expected, (await scenario.RecordAsync(draw)).CurrentMembers());
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'membership.member-replaced.v1' "
            + "AND body->>'leavingMemberId' = $1 AND body->>'substituteMemberId' = $2",
            leavingId.ToString(), IdOf(substitute).ToString()));
        Assert.Equal(1L, await OutboxCountAsync("membership.member-left.v1", leavingId));
        var history = (await Secretariat.GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{Body}/members/{leavingId}/history"))!;
        Assert.Equal(["entered", "declined", "replaced"], history.Select(h => h.GetProperty("action").GetString()));

        // The seat is filled: asking again is refused and changes nothing.
        var again = await PostAsync(Secretariat, $"members/{leavingId}/replacement");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(11, (await MembersAsync(promotion)).Count);
    }

    [Fact]
    public async Task An_ateliers_capacity_holds_under_concurrent_choices_and_every_change_is_kept()
    {
        var (promotion, members) = await PanelAsync(adults: 12);
        var ids = members.Select(IdOf).ToList();
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Secretariat, $"members/{id}/confirmation")).StatusCode);
        }
        var created = await PostAsync(Secretariat, $"promotions/{promotion}/ateliers", new
        {
            name = "Environnement",
            theme = "Climat et propreté",
            mandate = "",
            capacity = 5
        });
        var other = await PostAsync(Secretariat, $"promotions/{promotion}/ateliers", new
        {
            name = "Espace public",
            theme = "Rues et places",
            mandate = "",
            capacity = 20
        });
        var atelier = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var otherAtelier = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var choices = await Task.WhenAll(ids.Select(id => PostAsync(AsMember(id), $"ateliers/{atelier}/choice")));

        Assert.Equal(5, choices.Count(c => c.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, choices.Count(c => c.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(5L, await Fixture.ScalarAsync<long>("membershipdb", "SELECT count(*) FROM atelier_members WHERE atelier_id = $1",
            atelier));
        var listed = (await Fixture.Gateway().GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{Body}/promotions/{promotion}/ateliers"))!;
        Assert.Equal(5, listed.Single(a => a.GetProperty("id").GetGuid() == atelier).GetProperty("members").GetInt32());

        // A member changes atelier; the freed place goes to someone else; then choice closes and only the secretariat moves people.
        var inFirst = ids.Where((_, i) => choices[i].StatusCode == HttpStatusCode.OK).ToList();
        var waiting = ids.Except(inFirst).ToList();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(AsMember(inFirst[0]), $"ateliers/{otherAtelier}/choice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(AsMember(waiting[0]), $"ateliers/{atelier}/choice")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(AsMember(waiting[1]), $"ateliers/{atelier}/choice")).StatusCode);
        var closed = await Secretariat.PatchAsJsonAsync($"/api/membership/bodies/{Body}/promotions/{promotion}",
            new { atelierChoiceClosesAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var late = await PostAsync(AsMember(waiting[1]), $"ateliers/{otherAtelier}/choice");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("Choice closed", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK,
            (await Secretariat.PutAsJsonAsync($"/api/membership/bodies/{Body}/ateliers/{otherAtelier}/members/{waiting[1]}",
                new { })).StatusCode);

        // One spokesperson per atelier: naming another makes the first a participant again.
        foreach (var spokesperson in inFirst.Skip(1).Take(2))
        {
            Assert.Equal(HttpStatusCode.NoContent,
                (await Secretariat.PutAsJsonAsync($"/api/membership/bodies/{Body}/ateliers/{atelier}/members/{spokesperson}/role",
                    new { role = "spokesperson" })).StatusCode);
        }
        var outsider = await Secretariat.PutAsJsonAsync($"/api/membership/bodies/{Body}/ateliers/{atelier}/members/{waiting[1]}/role",
            new { role = "rapporteur" });
        Assert.Equal(HttpStatusCode.Conflict, outsider.StatusCode);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM atelier_members WHERE atelier_id = $1 AND role = 'spokesperson'", atelier));
        Assert.Equal("spokesperson", await Fixture.ScalarAsync<string>("membershipdb",
            "SELECT role FROM atelier_members WHERE member_id = $1", inFirst[2]));

        var history = (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{Body}/ateliers/{atelier}/history"))!;
        Assert.Equal(6, history.Count(h => h.GetProperty("action").GetString() == "joined-atelier"
            && h.GetProperty("detail").GetProperty("atelierId").GetGuid() == atelier));
        Assert.Contains(history, h => h.GetProperty("memberId").GetGuid() == inFirst[0]
            && h.GetProperty("detail").GetProperty("previousAtelierId").ToString() == atelier.ToString());
        Assert.Equal(3, history.Count(h => h.GetProperty("action").GetString() == "atelier-role"));
    }

    [Fact]
    public async Task The_roster_shows_what_the_rules_allow_personal_data_reads_are_logged_and_contact_data_is_erased_after_the_mandate()
    {
        var (promotion, members) = await PanelAsync(adults: 3);
        var ids = members.Select(IdOf).ToList();
        foreach (var id in ids.Take(2))
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Secretariat, $"members/{id}/confirmation")).StatusCode);
        }

        var raw = await Fixture.Gateway().GetStringAsync($"/api/membership/bodies/{Body}/promotions/{promotion}/roster");
        var roster = JsonSerializer.Deserialize<List<JsonElement>>(raw, Json)!;
        Assert.Equal(2, roster.Count);
        Assert.All(roster, entry => Assert.Equal(["givenName", "familyInitial", "arrondissement"], entry.EnumerateObject().Select(p =>
            p.Name)));
        Assert.Equal("D", roster[0].GetProperty("familyInitial").GetString());
        Assert.DoesNotContain("Dupont", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("@", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("rue", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("06 12", raw, StringComparison.Ordinal);

        // The member sees and edits their own profile; the secretariat sees contact data; both reads are logged.
        var own = await AsMember(ids[0]).GetFromJsonAsync<JsonElement>($"/api/membership/bodies/{Body}/me");
        Assert.StartsWith("camille", own.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await AsMember(ids[0]).PatchAsJsonAsync($"/api/membership/bodies/{Body}/me",
            new { email = "nouvelle@example.org", phone = (string?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AsMember(ids[0]).PatchAsJsonAsync($"/api/membership/bodies/{Body}/me",
            new { email = "not an address" })).StatusCode);
        var record = await Secretariat.GetFromJsonAsync<JsonElement>($"/api/membership/bodies/{Body}/members/{ids[0]}");
        Assert.Equal("nouvelle@example.org", record.GetProperty("email").GetString());
        Assert.False(record.TryGetProperty("phone", out _));
        var reads = (await Fixture.Service("membership", "guarantor-1", ["guarantor"], [Body])
            .GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{Body}/personal-data-reads"))!;
        Assert.Contains(reads, r => r.GetProperty("actor").GetString() == ids[0].ToString()
            && r.GetProperty("purpose").GetString() == "own profile");
        Assert.Contains(reads, r => r.GetProperty("actor").GetString() == "secretary-1"
            && r.GetProperty("purpose").GetString() == "member record");
        Assert.Contains(reads, r => r.GetProperty("purpose").GetString() == "member contact list"
            && r.GetProperty("people").GetInt32() == 3);

        // The mandate ended long ago: past the retention period, contact data goes; the published roster stays.
        var ended = await Secretariat.PatchAsJsonAsync($"/api/membership/bodies/{Body}/promotions/{promotion}",
            new { mandateStart = "2024-01-15", mandateEnd = "2025-03-15" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await Eventually.ReturnsAsync(() => Fixture.ScalarAsync<long>("membershipdb",
            "SELECT count(*) FROM members WHERE promotion_id = $1 AND erased_at IS NOT NULL AND email IS NULL AND address IS NULL "
            + "AND family_name IS NULL AND birth_date IS NULL", promotion),
            n => n == 3, because: "contact data should be erased after the retention period");
        Assert.Equal(2, (await Fixture.Gateway().GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{Body}/promotions/{promotion}/roster"))!.Count);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_and_changes_nothing()
    {
        var (promotion, members) = await PanelAsync(adults: 1);
        var member = IdOf(members[0]);

        var shortMandate = await Secretariat.PatchAsJsonAsync($"/api/membership/bodies/{Body}/promotions/{promotion}",
            new { mandateStart = "2027-01-01", mandateEnd = "2027-06-01" });
        var noSeats = await PostAsync(Secretariat, "promotions", new { name = "P", seats = new { } });
        var badKind = await PostAsync(Secretariat, $"members/{member}/departure", new { kind = "vanished" });
        var resignBeforeConfirming = await PostAsync(Secretariat, $"members/{member}/departure", new { kind = "resigned" });
        var unknown = await PostAsync(Secretariat, $"members/{Guid.NewGuid()}/confirmation");
        var badContact = await PostAsync(Secretariat, $"members/{member}/contact-attempts", new
        {
            channel = "pigeon",
            outcome = "reached"
        });
        var contact = await PostAsync(Secretariat, $"members/{member}/contact-attempts", new { channel = "phone", outcome = "no-answer" });

        foreach (var response in new[] { shortMandate, noSeats, badKind, badContact })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.Conflict, resignBeforeConfirming.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        Assert.Equal("drawn", StateOf((await MembersAsync(promotion)).Single().GetProperty("member")));
        Assert.Null(await Fixture.ScalarAsync<DateOnly?>("membershipdb", "SELECT mandate_start FROM promotions WHERE id = $1", promotion));
    }

    [Fact]
    public async Task Every_membership_endpoint_refuses_the_wrong_role()
    {
        var (promotion, members) = await PanelAsync(adults: 1);
        var member = IdOf(members[0]);
        var atelier = Guid.NewGuid();
        var prefix = $"/api/membership/bodies/{Body}";
        var secretariatOnly = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/promotions"), (HttpMethod.Patch, $"/promotions/{promotion}"), (HttpMethod.Get,
                $"/promotions/{promotion}/members"),
            (HttpMethod.Get, $"/members/{member}"), (HttpMethod.Get, $"/members/{member}/history"), (HttpMethod.Post,
                $"/members/{member}/contact-attempts"),
            (HttpMethod.Post, $"/members/{member}/consent"), (HttpMethod.Post, $"/members/{member}/confirmation"), (HttpMethod.Post,
                $"/members/{member}/departure"),
            (HttpMethod.Post, $"/members/{member}/replacement"), (HttpMethod.Post, $"/promotions/{promotion}/ateliers"),
            (HttpMethod.Put, $"/ateliers/{atelier}/members/{member}"), (HttpMethod.Put, $"/ateliers/{atelier}/members/{member}/role"),
            (HttpMethod.Get, $"/ateliers/{atelier}/history"),
        };
        var memberOnly = new (HttpMethod Method, string Path)[] { (HttpMethod.Post, $"/ateliers/{atelier}/choice"), (HttpMethod.Get,
            "/me"), (HttpMethod.Patch, "/me") };
        var wrongForSecretariat = new[] { ("member-1", "member", Body), ("exec-1", "executive", Body), ("guarantor-1", "guarantor", Body),
            ("secretary-9", "secretariat", "another-body") };
        var wrongForMember = new[] { ("secretary-1", "secretariat", Body), ("exec-1", "executive", Body), (member.ToString(), "member",
            "another-body") };

        foreach (var (endpoints, wrongRoles) in new[] { (secretariatOnly, wrongForSecretariat), (memberOnly, wrongForMember) })
        {
            foreach (var (method, path) in endpoints)
            {
                foreach (var (subject, role, body) in wrongRoles)
                {
                    var response = await Fixture.Service("membership", subject, [role], [body]).SendAsync(new HttpRequestMessage(method,
                        prefix + path)
                    { Content = JsonContent.Create(new { }) });
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                        $"{method} {path} as {role} of {body}: {response.StatusCode}");
                }
                var anonymous = await Fixture.App.CreateHttpClient("membership").SendAsync(new HttpRequestMessage(method,
                    prefix + path)
                { Content = JsonContent.Create(new { }) });
                Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} anonymously: {anonymous.StatusCode}");
            }
        }
        var reads = await Fixture.Service("membership", "member-1", ["member"], [Body]).GetAsync($"{prefix}/personal-data-reads");
        Assert.Equal(HttpStatusCode.Forbidden, reads.StatusCode);

        // Over gRPC, member data needs a token; bodies stay public.
        using var channel = GrpcChannel.ForAddress(Fixture.App.GetEndpoint("membership", "grpc"));
        var client = new MembershipClient(channel);
        var listing = new Contracts.Membership.V1.ListMembersRequest { PromotionId = promotion.ToString() };
        var anonymousCall = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.ListMembers(listing);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.Unauthenticated, anonymousCall.StatusCode);
        var bearer = new Metadata { { "authorization", $"Bearer {Fixture.Token("sessions-user", ["executive"], [Body])}" } };
        using var listed = client.ListMembers(listing, bearer);
        var streamed = new List<Contracts.Membership.V1.Member>();
        while (await listed.ResponseStream.MoveNext(CancellationToken.None))
        {
            streamed.Add(listed.ResponseStream.Current);
        }
        Assert.Equal(member.ToString(), Assert.Single(streamed).Id);
        Assert.Equal("Camille1 D.", streamed[0].DisplayName);
        async Task<StatusCode> ListingAsync(string subject, string role, params string[] bodies)
        {
            try
            {
                using var call = client.ListMembers(listing, new Metadata
                {
                    { "authorization", $"Bearer {Fixture.Token(subject, [role], bodies)}" },
                });
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
                return StatusCode.OK;
            }
            catch (RpcException refused)
            {
                return refused.StatusCode;
            }
        }
        // Of the services, only notifications lists members with its own credential; a role of another body is refused.
        Assert.Equal(StatusCode.OK, await ListingAsync("notifications", "service"));
        Assert.Equal(StatusCode.PermissionDenied, await ListingAsync("veille", "service"));
        Assert.Equal(StatusCode.PermissionDenied, await ListingAsync("secretary-1", "secretariat", "another-body"));
        Assert.False((await client.IsActiveMemberAsync(new() { BodyId = Body, MemberId = member.ToString() }, bearer)).Active);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Secretariat, $"members/{member}/confirmation")).StatusCode);
        var active = await client.IsActiveMemberAsync(new() { BodyId = Body, MemberId = member.ToString() }, bearer);
        Assert.True(active.Active);
        Assert.Equal(promotion.ToString(), active.PromotionId);
        // Another body's secretariat is refused by every method, as its REST twin refuses it.
        var otherBody = new Metadata { { "authorization", $"Bearer {Fixture.Token("secretary-9", ["secretariat"], ["another-body"])}" } };
        var refusals = new[]
        {
            await Assert.ThrowsAsync<RpcException>(() => client.IsActiveMemberAsync(new() { BodyId = Body, MemberId = member.ToString() },
                otherBody).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => client.GetMemberAsync(new() { MemberId = member.ToString() },
                otherBody).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var call = client.ListMembers(listing, otherBody);
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }),
            await Assert.ThrowsAsync<RpcException>(() => client.IsActiveMemberAsync(new() { BodyId = "another-body",
                MemberId = member.ToString() }, bearer).ResponseAsync),
        };
        Assert.All(refusals, refusal => Assert.Equal(StatusCode.PermissionDenied, refusal.StatusCode));
        Assert.Equal("active", (await client.GetMemberAsync(new() { MemberId = member.ToString() }, bearer)).State);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetMemberAsync(new() { MemberId = Guid.NewGuid().ToString() },
            bearer).ResponseAsync);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => client.GetMemberAsync(new() { MemberId = "R0001" },
            bearer).ResponseAsync);
        var badBody = await Assert.ThrowsAsync<RpcException>(
            () => client.IsActiveMemberAsync(new() { BodyId = "Paris Assembly", MemberId = member.ToString() }, bearer).ResponseAsync);
        var noBody = await Assert.ThrowsAsync<RpcException>(() => client.GetBodyAsync(new() { BodyId = "" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badBody.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noBody.StatusCode);
    }
}
