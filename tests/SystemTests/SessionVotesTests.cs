using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>Votes in sessions through the gateway: quorum, secret ballots of a whole promotion at once, open votes, shows of
/// hands.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionVotesTests(SystemFixture system) : SessionsTestBase(system)
{
    private Task<HttpResponseMessage> VoteAsync(Guid member, Guid vote, string option) =>
        AsMember(member).PostAsJsonAsync(Path($"votes/{vote}/ballots"), new { option });

    [Fact]
    public async Task A_secret_vote_of_a_hundred_members_at_once_counts_each_once_links_no_ballot_to_a_member_and_closes_once()
    {
        await using var tap = await BrokerTap.OpenAsync(await Fixture.ConnectionStringAsync("messaging"));
        var members = await ActiveMembersAsync(101);
        var (session, code) = await SessionUnderWayAsync();
        var document = Guid.NewGuid();
        var vote = await PrepareVoteAsync(session, new
        {
            question = "Adoptez-vous le mandat de travail ?",
            majority = "simple",
            method = "ballot",
            secret = true,
            requiresQuorum = true,
            subject = new { purpose = "work-mandate-adoption", documentId = document },
        });

        var withoutQuorum = await Secretariat.PostAsync(Path($"votes/{vote}/opening"), null);
        var voters = members.Take(100).ToList();
        var checkIns = await Task.WhenAll(voters.Select(member =>
            AsMember(member).PostAsJsonAsync(Path($"sessions/{session}/check-in"), new { code })));
        var quorum = await AsMember(voters[0]).GetFromJsonAsync<JsonElement>(Path($"sessions/{session}/quorum"));
        var opened = await Secretariat.PostAsync(Path($"votes/{vote}/opening"), null);
        var ballots = await Task.WhenAll(voters.Select((member, i) => VoteAsync(member, vote, (i % 3) switch
        {
            0 => "for",
            1 => "against",
            _ => "abstention",
        })));
        var second = await VoteAsync(voters[0], vote, "against");
        var absent = await VoteAsync(members[100], vote, "for");
        var closed = await Secretariat.PostAsync(Path($"votes/{vote}/closing"), null);
        var closedAgain = await Secretariat.PostAsync(Path($"votes/{vote}/closing"), null);

        Assert.All(checkIns, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal((101, 100, 51, true), (quorum.GetProperty("active").GetInt32(), quorum.GetProperty("present").GetInt32(),
            quorum.GetProperty("required").GetInt32(), quorum.GetProperty("reached").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.All(ballots, response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        // Each refusal names its rule by a stable code, which the web application says in the visitor's language.
        foreach (var (refused, rule) in new[] { (withoutQuorum, "no-quorum"), (second, "already-voted"), (absent, "not-a-voter"),
            (closedAgain, "not-open") })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal(rule, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        // The published result, read by anyone since the session is public.
        var published = await Fixture.Gateway().GetFromJsonAsync<JsonElement>(Path($"votes/{vote}"));
        var result = published.GetProperty("vote").GetProperty("result");
        Assert.Equal((34, 33, 33), (result.GetProperty("totals").GetProperty("for").GetInt32(),
            result.GetProperty("totals").GetProperty("against").GetInt32(),
                result.GetProperty("totals").GetProperty("abstention").GetInt32()));
        Assert.Equal((100, 67, "adopted"), (result.GetProperty("cast").GetInt32(), result.GetProperty("expressed").GetInt32(),
            result.GetProperty("decision").GetString()));
        Assert.Equal(100, published.GetProperty("voters").GetInt32());
        Assert.Empty(published.GetProperty("namedBallots").EnumerateArray());

        // The schema links no ballot to a member: the one table with both a member and an option is the open votes' one,
        // and no row of the counts shares its transaction id with a voter's row.
        var linking = await Fixture.ScalarAsync<string[]>("sessionsdb", """
            SELECT array_agg(DISTINCT m.table_name::text) FROM information_schema.columns m
            JOIN information_schema.columns o
                ON o.table_schema = m.table_schema AND o.table_name = m.table_name AND o.column_name = 'option'
            WHERE m.table_schema = 'public' AND m.column_name = 'member_id'
            """);
        Assert.Equal(["open_ballots"], linking);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("sessionsdb", """
            SELECT count(*) FROM voters v JOIN secret_tallies t ON t.vote_id = v.vote_id AND t.xmin = v.xmin WHERE v.vote_id = $1
            """, vote));

        // VoteClosed reaches the broker once, with the document it decides.
        var closings = await Eventually.ReturnsAsync(async () => (await tap.ReceivedAsync())
            .Where(e => e.WireName == "sessions.vote-closed.v1" && e.Message.GetProperty("voteId").GetGuid() == vote).ToList(),
            received => received.Count > 0, because: "VoteClosed should be published");
        Assert.Single(closings);
        Assert.Equal(document, closings[0].Message.GetProperty("subjectDocumentId").GetGuid());
        Assert.Equal("adopted", closings[0].Message.GetProperty("decision").GetString());
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("sessionsdb",
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'sessions.vote-closed.v1' AND body->>'voteId' = $1",
                vote.ToString()));
    }

    [Fact]
    public async Task An_open_vote_publishes_names_with_its_result_and_a_show_of_hands_records_the_secretariats_totals()
    {
        var members = await ActiveMembersAsync(3);
        var (session, _) = await SessionUnderWayAsync(isPublic: false);
        await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/roll-call"), new { present = members });
        var options = new[] { "Logement", "Mobilité", "Climat" };
        var open = await PrepareVoteAsync(session, new { question = "Quel thème ?", options, majority = "absolute", method = "ballot" });
        var hands = await PrepareVoteAsync(session, new { question = "Pause ?", majority = "two-thirds", method = "show-of-hands" });
        await Secretariat.PostAsync(Path($"votes/{open}/opening"), null);
        await Secretariat.PostAsync(Path($"votes/{hands}/opening"), null);

        await VoteAsync(members[0], open, "Climat");
        await VoteAsync(members[1], open, "Climat");
        await VoteAsync(members[2], open, "Logement");
        var namesWhileOpen = await AsMember(members[0]).GetFromJsonAsync<JsonElement>(Path($"votes/{open}"));
        var handBallot = await VoteAsync(members[0], hands, "for");
        var closing = Path($"votes/{hands}/closing");
        var tooManyHands = await Secretariat.PostAsJsonAsync(closing, new { totals = Hands(3, 1) });
        var closedHands = await Secretariat.PostAsJsonAsync(closing, new { totals = Hands(2, 1) });
        await Secretariat.PostAsync(Path($"votes/{open}/closing"), null);
        var result = await AsMember(members[0]).GetFromJsonAsync<JsonElement>(Path($"votes/{open}"));
        var hidden = await Fixture.Gateway().GetAsync(Path($"votes/{open}"));

        Assert.Empty(namesWhileOpen.GetProperty("namedBallots").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, handBallot.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooManyHands.StatusCode);
        Assert.Equal("adopted", (await closedHands.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("decision")
            .GetString());
        Assert.Equal(("Climat", "chosen"), (result.GetProperty("vote").GetProperty("result").GetProperty("winner").GetString(),
            result.GetProperty("vote").GetProperty("result").GetProperty("decision").GetString()));
        Assert.Equal(members.Take(2).Select(m => (m, "Climat")).Append((members[2], "Logement")).OrderBy(b => b.Item1),
            result.GetProperty("namedBallots").EnumerateArray()
                .Select(b => (b.GetProperty("memberId").GetGuid(), b.GetProperty("option").GetString()!)).OrderBy(b => b.Item1));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
