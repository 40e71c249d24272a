using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.DemoData;
using Assemblee.SystemTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assemblee.SystemTests;

/// <summary>The demonstration that ./run.sh --demo fills, run here on a body of its own: what a newcomer would see.</summary>
[Collection(SystemCollection.Name)]
public sealed class DemoDataTests(SystemFixture system)
{
    [Fact]
    public async Task The_demonstration_fills_a_body_with_a_living_promotion_through_the_public_apis_once()
    {
        var body = BodyEventsTests.UniqueBodyId();
        (await system.Gateway("admin-1", ["body-admin"]).PostAsJsonAsync("/api/membership/bodies",
            new { id = body, name = "Assemblée de démonstration", kind = "citizens-assembly" })).EnsureSuccessStatusCode();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:SigningKey"] = system.SigningKey,
            ["Demo:Body"] = body,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddDemoData(system.App.GetEndpoint("gateway", "http")).BuildServiceProvider();
        var demo = services.GetRequiredService<DemoAssembly>();

        await demo.FillAsync(CancellationToken.None);
        await demo.FillAsync(CancellationToken.None);

        var anyone = system.Gateway();
        var promotion = Assert.Single((await anyone.GetFromJsonAsync<List<JsonElement>>($"/api/membership/bodies/{body}/promotions"))!)
            .GetProperty("promotion").GetProperty("id").GetGuid();
        var roster = await Eventually.ReturnsAsync(async () => (await anyone.GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{body}/promotions/{promotion}/roster"))!, list => list.Count == 20,
            because: "the twenty confirmed members are published");
        Assert.All(roster, line => Assert.StartsWith("Démo-Prénom", line.GetProperty("givenName").GetString()));
        var ateliers = (await anyone.GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{body}/promotions/{promotion}/ateliers"))!;
        Assert.Equal(["Climat", "Logement", "Mobilités"], ateliers.Select(atelier => atelier.GetProperty("name").GetString()).Order());
        var phases = await anyone.GetFromJsonAsync<JsonElement>($"/api/sessions/bodies/{body}/promotions/{promotion}/phases");
        Assert.Equal("Découverte", phases.GetProperty("current").GetProperty("name").GetString());
        var sessions = (await anyone.GetFromJsonAsync<List<JsonElement>>($"/api/sessions/bodies/{body}/promotions/{promotion}/sessions"))!;
        Assert.Equal("convened", Assert.Single(sessions).GetProperty("state").GetString());
        var published = (await anyone.GetFromJsonAsync<List<JsonElement>>($"/api/documents/bodies/{body}/published"))!;
        Assert.Contains(published, text => text.GetProperty("title").GetString() == "Vœu relatif aux pistes cyclables (démonstration)");
        var register = (await anyone.GetFromJsonAsync<List<JsonElement>>($"/api/veille/register?bodyId={body}"))!;
        Assert.Contains(register, line =>
            line.GetProperty("title").GetString()!.StartsWith("Horaires d'ouverture", StringComparison.Ordinal));
        var draws = (await system.Gateway("secretary-1", ["secretariat"], [body]).GetFromJsonAsync<List<JsonElement>>(
            $"/api/sortition/bodies/{body}/draws"))!;
        Assert.Equal("drawn", Assert.Single(draws).GetProperty("state").GetString());
    }
}
