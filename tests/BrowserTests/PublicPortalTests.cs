namespace Assemblee.BrowserTests;

/// <summary>The public portal as anyone reads it, without signing in: bodies, the roster, a draw's record, published texts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPortalTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_public_reads_the_roster_a_draw_record_and_a_published_document_in_French_and_in_English()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-public-portal");
        var (body, name, record, promotion) = (scenario.Body, scenario.Name, scenario.Record, scenario.Promotion);
        var procesVerbal = await PublishedProcesVerbalAsync(body);
        await scenario.CurrentPhaseAsync("Découverte");
        var plenary = await scenario.PlannedSessionAsync(DateTimeOffset.UtcNow.AddDays(7));
        var page = await browser.VisitorAsync(system);

        await page.GotoAsync("/");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "home-fr");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = promotion }).ClickAsync();
        var roster = page.GetByRole(AriaRole.Table, new() { Name = "membres en activité" });
        foreach (var member in scenario.Confirmed)
        {
            await Assertions.Expect(roster).ToContainTextAsync($"{member.GivenName} N.");
        }
        await Assertions.Expect(roster).Not.ToContainTextAsync($"{scenario.Waiting} N.");
        await Assertions.Expect(roster.Locator("caption")).ToHaveTextAsync("3 membres en activité");
        await Assertions.Expect(page.Locator("[aria-current=step]")).ToContainTextAsync("Découverte");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "roster-fr");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plénière de lancement" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/seances/{plenary}$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Salle des fêtes, Hôtel de Ville, 75004 Paris");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la promotion" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Procès-verbal du tirage au sort" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(record.Commitment);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"n° {record.PanelIndex + 1} sur {record.Panels.Count}");
        // The quotas table shows, for each quota, how many of the drawn members have the feature: 10 seats, at least 4 women.
        var women = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "female" });
        await Assertions.Expect(women.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync(new Regex("^(4|5|6)$"));
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "draw-record-fr");

        await page.GotoAsync($"/{body}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Textes publiés" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = procesVerbal.GetProperty("title").GetString()! }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(procesVerbal.GetProperty("fingerprint").GetString()!);
        await Assertions.Expect(page.Locator("article")).ToContainTextAsync(record.Commitment);
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "document-fr");

        // The language switch keeps the visitor on the same page, and the choice holds for the next ones.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Authenticity" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GotoAsync($"/{body}");
        await page.GetByRole(AriaRole.Link, new() { Name = promotion }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "active members" }).Locator("caption"))
            .ToHaveTextAsync("3 active members");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "roster-en");
        await page.GetByRole(AriaRole.Link, new() { Name = "Draw record" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check this draw" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GotoAsync("/");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_unknown_address_shows_a_page_not_found_with_status_404_and_an_unknown_api_gets_problem_details()
    {
        var page = await browser.VisitorAsync(system);

        var unknownBody = await page.GotoAsync("/no-such-body");
        var unknownDraw = await page.GotoAsync($"/tirages/{Guid.NewGuid()}");
        var unknownApi = await system.Gateway().GetAsync("/api/unknown/status");

        Assert.Equal(404, unknownBody!.Status);
        Assert.Equal(404, unknownDraw!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page introuvable");
        await BrowserFixture.AssertAccessibleAsync(page);
        // A browser that asks for English gets it before any choice is made.
        var english = await browser.VisitorAsync(system, locale: "en-GB");
        await english.GotoAsync("/no-such-body");
        await Assertions.Expect(english.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Assertions.Expect(english.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal(404, (int)unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> PublishedProcesVerbalAsync(string body) =>
        (await Eventually.ReturnsAsync(async () =>
                (await system.Gateway().GetFromJsonAsync<List<JsonElement>>($"/api/documents/bodies/{body}/published"))!
                .Cast<JsonElement?>().SingleOrDefault(text => text!.Value.GetProperty("kind").GetString() == "draw-record"),
            found => found is not null, because: "documents should publish the draw's procès-verbal"))!.Value;
}
