namespace Assemblee.BrowserTests;

/// <summary>The console's ateliers: one created, members placed in it with a role, its capacity kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAtelierTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_creates_an_atelier_and_places_members_in_it_within_its_capacity()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-console-ateliers");
        var (first, second) = (scenario.Confirmed[0], scenario.Confirmed[1]);
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1",
            $"/{scenario.Body}/secretariat/promotions/{scenario.PromotionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ateliers de la promotion" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Créez d'abord un atelier.")).ToBeVisibleAsync();

        // A blank name passes the browser's check, not membership's: the refusal shows beside the name.
        await page.GetByLabel("Nom de l'atelier").FillAsync("  ");
        await page.GetByLabel("Thème", new() { Exact = true }).FillAsync("Logement et habitat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'atelier" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-errors")).ToContainTextAsync("De 1 à 120 caractères.");
        await page.GetByLabel("Nom de l'atelier").FillAsync("Logement");
        await page.GetByLabel("Thème", new() { Exact = true }).FillAsync("Logement et habitat");
        await page.GetByLabel("Capacité (membres)").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'atelier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'atelier est créé.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("0 membres sur 1");
        await BrowserFixture.AssertAccessibleAsync(page);

        await Atelier(page, first).SelectOptionAsync(new SelectOptionValue { Label = "Logement" });
        await page.GetByLabel($"Rôle de {first.GivenName} dans l'atelier").SelectOptionAsync("rapporteur");
        await Placement(page, first).GetByRole(AriaRole.Button, new() { Name = "Placer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le membre est placé dans l'atelier.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 membres sur 1");
        // The atelier is full: the second member stays out, and membership says why.
        await Atelier(page, second).SelectOptionAsync(new SelectOptionValue { Label = "Logement" });
        await Placement(page, second).GetByRole(AriaRole.Button, new() { Name = "Placer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Cet atelier est complet : choisissez-en un autre.");
        await BrowserFixture.ScreenshotAsync(page, "console-ateliers-fr");
        var members = await scenario.Secretariat("membership").GetFromJsonAsync<List<JsonElement>>(
            $"/api/membership/bodies/{scenario.Body}/promotions/{scenario.PromotionId}/members");

        var placed = members!.Select(contact => contact.GetProperty("member"))
            .ToDictionary(member => member.GetProperty("id").GetGuid());
        Assert.Equal("rapporteur", placed[first.Id].GetProperty("atelierRole").GetString());
        Assert.Equal(JsonValueKind.String, placed[first.Id].GetProperty("atelierId").ValueKind);
        // Membership leaves out what is null: the second member has no atelier.
        Assert.False(placed[second.Id].TryGetProperty("atelierId", out var none) && none.ValueKind != JsonValueKind.Null);
    }

    private static ILocator Atelier(IPage page, ConfirmedMember member) =>
        page.GetByLabel(new Regex($"^{Regex.Escape(member.GivenName)} "));

    private static ILocator Placement(IPage page, ConfirmedMember member) =>
        page.Locator("form").Filter(new() { HasText = member.GivenName + " " });
}
