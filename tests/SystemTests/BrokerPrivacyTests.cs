using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>What RabbitMQ carries: ids and facts of the process, never a person's contact details.</summary>
[Collection(SystemCollection.Name)]
public sealed class BrokerPrivacyTests(SystemFixture system)
{
    [Fact]
    public async Task No_event_of_a_draw_and_a_replacement_carries_a_name_an_address_an_email_a_phone_or_a_birth_date()
    {
        await using var tap = await BrokerTap.OpenAsync(await system.ConnectionStringAsync("messaging"));
        var scenario = new SortitionScenario(system, BodyEventsTests.UniqueBodyId());
        var (draw, _) = await scenario.DrawnPanelAsync("broker-privacy");
        var membership = system.Service("membership", "secretary-1", ["secretariat"], [scenario.Body]);
        var promotion = await Eventually.ReturnsAsync(
            () => membership.GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{scenario.Body}/promotions"),
            promotions => promotions!.Count == 1, because: "the drawn panel should become a promotion");
        var promotionId = promotion![0].GetProperty("promotion").GetProperty("id").GetGuid();
        var members = $"/api/membership/bodies/{scenario.Body}/promotions/{promotionId}/members";
        await Eventually.ReturnsAsync(() => membership.GetFromJsonAsync<List<JsonElement>>(members), list => list!.Count == 10,
            because: "membership should read the ten members' contact details from sortition");
        var leaving = (await membership.GetFromJsonAsync<List<JsonElement>>(members))!
            .Select(contact => contact.GetProperty("member").GetProperty("id").GetGuid()).First();
        var departure = await membership.PostAsJsonAsync($"/api/membership/bodies/{scenario.Body}/members/{leaving}/departure",
            new { kind = "declined" });
        Assert.Equal(HttpStatusCode.OK, departure.StatusCode);
        var replacement = (await departure.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replacement");
        var replaced = replacement.GetProperty("status").GetString() == "designated";
        var seated = await Eventually.ReturnsAsync(() => membership.GetFromJsonAsync<List<JsonElement>>(members),
            list => list!.Count == (replaced ? 11 : 10), because: "a designated substitute should enter membership");

        // The contact details membership now holds (read from sortition over gRPC), and the events of the whole story.
        var personal = seated!.SelectMany(contact => new[] { "familyName", "givenName", "address", "email", "phone", "birthDate" }
            .Select(field => contact.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : null))
            .OfType<string>().Where(value => value.Length > 0).ToList();
        string[] expected = replaced
            ? ["sortition.invitations-drawn.v1", "sortition.panel-drawn.v2", "sortition.substitute-designated.v2",
                "membership.member-left.v1", "membership.member-replaced.v1"]
            : ["sortition.invitations-drawn.v1", "sortition.panel-drawn.v2", "membership.member-left.v1"];
        var events = await Eventually.ReturnsAsync(tap.ReceivedAsync,
            received => expected.All(name => received.Any(e => e.WireName == name && OfBody(e, scenario.Body))),
            because: "the draw's events and membership's should be published");

        Assert.Contains(events, e => e.WireName == "sortition.panel-drawn.v2" && OfBody(e, scenario.Body) &&
            e.Message.GetProperty("drawId").GetGuid() == draw && e.Message.GetProperty("members").GetArrayLength() == 10);
        Assert.True(personal.Count >= 10 * 4, $"the members' contact details should be known to the test, got {personal.Count} values");
        foreach (var tapped in events)
        {
            var strings = tapped.Strings().ToList();
            Assert.DoesNotContain(strings, text => personal.Any(value => text.Contains(value, StringComparison.OrdinalIgnoreCase)));
        }
    }

    private static bool OfBody(TappedEvent tapped, string body) =>
        tapped.Message.TryGetProperty("bodyId", out var id) && id.GetString() == body;
}
