using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>A small real draw through the sortition service, for the tests of sortition and of the services that follow it.</summary>
internal sealed class SortitionScenario(SystemFixture system, string body)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Body => body;

    public HttpClient Secretariat { get; } = system.Service("sortition", "secretary-1", ["secretariat"], [body]);

    public static object Specification(DateTimeOffset responseDeadline, int electoralInvitations = 60, int citizenCardInvitations = 20)
        => new
        {
            title = "Panel de test",
            panelSize = 10,
            seatGroups = new[]
        {
            new { name = "electoral-list", seats = 8, sourceList = "electoral", invitations = electoralInvitations, minAge = 18,
                maxAge = 120 },
            new { name = "citizen-card", seats = 2, sourceList = "citizen-card", invitations = citizenCardInvitations, minAge = 18,
                maxAge = 120 },
        },
            categories = new[]
        {
            new { name = "gender", values = new[] { new { value = "female", min = 4, max = 6 }, new { value = "male", min = 4,
                max = 6 } } },
            new { name = "age", values = new[] { new { value = "18-44", min = 3, max = 7 }, new { value = "45+", min = 3, max = 7 } } },
        },
            ageClasses = new[] { new { name = "18-44", minAge = 18, maxAge = 44 }, new { name = "45+", minAge = 45, maxAge = 120 } },
            invitationStrata = new[] { "arrondissement", "age-class" },
            oneOfEachHousehold = false,
            substitutes = 20,
            referenceDate = "2026-11-01",
            responseDeadline = responseDeadline,
            substitutesValidUntil = DateOnly.FromDateTime(responseDeadline.UtcDateTime.AddDays(60)).ToString("yyyy-MM-dd"),
        };

    /// <summary>A source list of <paramref name="rows"/> people (synthetic), the same for the same prefix.</summary>
    public static string SourceList(string prefix, int rows)
    {
        var random = new Random(prefix.Length * 7919);
        var csv = new StringBuilder("id,family_name,given_name,birth_date,sex,address,postcode\n");
        for (var i = 0; i < rows; i++)
        {
            var arrondissement = 1 + random.Next(20);
            csv.Append(global::System.Globalization.CultureInfo.InvariantCulture,
                $"{prefix}{i:D6},Nom{i},Prénom{i},{1940 + random.Next(65)}-{1 + random.Next(12):D2}-{1 + random.Next(28):D2},")
                .Append(global::System.Globalization.CultureInfo.InvariantCulture,
                    $"{(random.Next(2) == 0 ? "F" : "M")},\"{i} rue de Test, bât. A\",750{arrondissement:D2}\n");
        }
        return csv.ToString();
    }

    public async Task<Guid> CreateDrawAsync(DateTimeOffset? deadline = null, int electoralInvitations = 60, int citizenCardInvitations = 20)
    {
        var response = await Secretariat.PostAsJsonAsync($"/api/sortition/bodies/{body}/draws", Specification(deadline
            ?? DateTimeOffset.UtcNow.AddDays(1), electoralInvitations, citizenCardInvitations));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> ImportAsync(Guid draw, string list, string csv) =>
        await Secretariat.PutAsync($"/api/sortition/bodies/{body}/draws/{draw}/lists/{list}", new StringContent(csv, Encoding.UTF8,
            "text/csv"));

    public async Task<Guid> InvitedDrawAsync(string seed)
    {
        var draw = await CreateDrawAsync();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(draw, "electoral", SourceList("E", 3000))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(draw, "citizen-card", SourceList("CC", 400))).StatusCode);
        var invitations = await Secretariat.PostAsJsonAsync($"/api/sortition/bodies/{body}/draws/{draw}/invitations", new { seed });
        Assert.Equal(HttpStatusCode.OK, invitations.StatusCode);
        return draw;
    }

    public async Task<List<JsonElement>> LettersAsync(Guid draw) =>
        (await Secretariat.GetFromJsonAsync<List<JsonElement>>($"/api/sortition/bodies/{body}/draws/{draw}/invitations"))!;

    /// <summary>30 invitees of the electoral lists and 10 of the citizen card answer, alternately women and men.</summary>
    public async Task<List<JsonElement>> AnswerAsync(List<JsonElement> letters)
    {
        var answering = letters.Where(l => l.GetProperty("seatGroup").GetString() == "electoral-list").Take(30)
            .Concat(letters.Where(l => l.GetProperty("seatGroup").GetString() == "citizen-card").Take(10)).ToList();
        var anonymous = system.App.CreateHttpClient("sortition");
        for (var i = 0; i < answering.Count; i++)
        {
            var answer = await anonymous.PostAsJsonAsync("/api/sortition/respondents", new
            {
                invitationCode = answering[i].GetProperty("code").GetString(),
                profile = new Dictionary<string, string> { ["gender"] = i % 2 == 0 ? "female" : "male" },
                email = $"person{i}@example.org",
            });
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }
        return answering;
    }

    /// <summary>Prepares the lottery (in the background) and waits for its commitment; returns the committed record.</summary>
    public async Task<DrawRecord> PrepareAsync(Guid draw)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Secretariat.PostAsync($"/api/sortition/bodies/{body}/draws/{draw}/prepare",
            null)).StatusCode);
        await Eventually.ReturnsAsync(() => StateAsync(draw), state => state == "prepared", TimeSpan.FromSeconds(60),
            "the lottery should be prepared");
        return await RecordAsync(draw);
    }

    public async Task<HttpResponseMessage> DrawAsync(Guid draw, string dice, string beacon) =>
        await Secretariat.PostAsJsonAsync($"/api/sortition/bodies/{body}/draws/{draw}/draw", new { dice, beacon });

    /// <summary>A drawn panel of ten from forty answers: the whole of stage 1 and stage 2.</summary>
    public async Task<(Guid Draw, DrawRecord Record)> DrawnPanelAsync(string seed)
    {
        var draw = await InvitedDrawAsync(seed);
        await AnswerAsync(await LettersAsync(draw));
        await PrepareAsync(draw);
        Assert.Equal(HttpStatusCode.OK, (await DrawAsync(draw, "3 1 4 1 5", "beacon-" + seed)).StatusCode);
        return (draw, await RecordAsync(draw));
    }

    public async Task<DrawRecord> RecordAsync(Guid draw) =>
        (await system.Gateway().GetFromJsonAsync<DrawRecord>($"/api/sortition/draws/{draw}/record", Json))!;

    public async Task<string?> StateAsync(Guid draw) =>
        (await Secretariat.GetFromJsonAsync<JsonElement>($"/api/sortition/bodies/{body}/draws/{draw}")).GetProperty("state").GetString();
}
