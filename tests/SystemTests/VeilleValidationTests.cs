using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>
/// A body validates its question by a vote in sessions: veille asks sessions, with its own credential, how the vote ended.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class VeilleValidationTests(SystemFixture system) : SessionsTestBase(system)
{
    private string Questions(string path = "") => $"/api/veille/bodies/{Body}/questions{path}";

    [Fact]
    public async Task A_question_is_validated_by_a_closed_vote_that_adopted_it_and_not_by_one_rejected_or_still_open()
    {
        var members = await ActiveMembersAsync(3);
        var (session, _) = await SessionUnderWayAsync(isPublic: false);
        await Secretariat.PostAsJsonAsync(Path($"sessions/{session}/roll-call"), new { present = members });
        async Task<Guid> VoteAsync(int? @for, int? against)
        {
            var vote = await PrepareVoteAsync(session,
                new { question = "Valider la question ?", majority = "simple", method = "show-of-hands" });
            await Secretariat.PostAsync(Path($"votes/{vote}/opening"), null);
            if (@for is { } yes && against is { } no)
            {
                await Secretariat.PostAsJsonAsync(Path($"votes/{vote}/closing"), new { totals = Hands(yes, no) });
            }
            return vote;
        }
        var (adopted, rejected, open) = (await VoteAsync(3, 0), await VoteAsync(0, 3), await VoteAsync(null, null));
        var drafted = await AsMember(members[0]).PostAsJsonAsync(Questions(), new
        {
            kind = "interpellation",
            title = "Propreté des rues",
            text = "Quand la collecte sera-t-elle renforcée ?",
            addresseeKind = "deputy",
            addressee = "Adjoint chargé de la propreté",
        });
        var question = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var byRejected = await Secretariat.PostAsJsonAsync(Questions($"/{question}/validation"), new { voteId = rejected });
        var byOpen = await Secretariat.PostAsJsonAsync(Questions($"/{question}/validation"), new { voteId = open });
        var both = await Secretariat.PostAsJsonAsync(Questions($"/{question}/validation"), new { voteId = adopted, decision = "Bureau" });
        var byAdopted = await Secretariat.PostAsJsonAsync(Questions($"/{question}/validation"), new { voteId = adopted });
        var view = await Secretariat.GetFromJsonAsync<JsonElement>(Questions($"/{question}"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, byRejected.StatusCode);
        Assert.Contains("rejected", await byRejected.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byOpen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdopted.StatusCode);
        Assert.Equal("validated", view.GetProperty("question").GetProperty("state").GetString());
        var step = view.GetProperty("timeline").EnumerateArray().Single(s => s.GetProperty("action").GetString() == "validated");
        Assert.Equal(adopted, step.GetProperty("detail").GetProperty("voteId").GetGuid());
    }
}
