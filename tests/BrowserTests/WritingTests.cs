namespace Assemblee.BrowserTests;

/// <summary>A draft written by two of its writers at once, a member and a co-author of the executive, from their own spaces.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WritingTests(BrowserSystemFixture system, BrowserFixture browser)
{
    private const string CoAuthorsPart = "Considérant que les quartiers denses manquent de jardins partagés,";
    private const string MembersPart = "Le Conseil de Paris émet le vœu que chaque arrondissement ouvre un jardin partagé.";

    [Fact]
    public async Task A_member_and_a_co_author_rewrite_a_draft_and_a_version_saved_meanwhile_is_neither_lost_nor_overwritten_unseen()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-writing");
        var member = scenario.Confirmed[0];
        var document = await scenario.AtelierDraftAsync(member, "Vœu sur les jardins partagés",
            "Considérant que les jardins partagés sont peu nombreux,", "Le Conseil de Paris émet le vœu d'ouvrir des jardins.");
        var documents = $"/api/documents/bodies/{scenario.Body}/documents/{document}";
        (await scenario.Secretariat("documents").PutAsJsonAsync($"{documents}/co-authors/dept-green",
            new { role = "direction des espaces verts" })).EnsureSuccessStatusCode();

        // The member starts rewriting the second part and adds a third, in the empty part the form keeps at the end.
        var writer = await browser.SignedInAsync(system, "Membre", scenario.Body, member.Id.ToString(), $"/{scenario.Body}/membres");
        await writer.GetByRole(AriaRole.Link, new() { Name = "Vœu sur les jardins partagés" }).ClickAsync();
        await Part(writer, 2).GetByLabel("Texte de la partie").FillAsync(MembersPart);
        await Part(writer, 3).GetByLabel("Titre de la partie").FillAsync("Calendrier");
        await Part(writer, 3).GetByLabel("Texte de la partie").FillAsync("Dès la saison 2027.");

        // Meanwhile the co-author saves its own change to the first part from the executive's space.
        var coAuthor = await browser.CoAuthorOpensAsync(system, scenario.Body, "dept-green", "Vœu sur les jardins partagés");
        await Part(coAuthor, 1).GetByLabel("Texte de la partie").FillAsync(CoAuthorsPart);
        await coAuthor.GetByLabel("Ce qui change, en quelques mots (facultatif)").FillAsync("Considérant précisé");
        await coAuthor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await Assertions.Expect(coAuthor.GetByRole(AriaRole.Status)).ToHaveTextAsync("La version 2 est enregistrée.");
        await Assertions.Expect(coAuthor.Locator("#section-1 + *")).ToHaveTextAsync(CoAuthorsPart);
        await BrowserFixture.AssertAccessibleAsync(coAuthor);

        // The member's save is refused, the co-author's version is shown and the member's text is still in the form.
        await writer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await Assertions.Expect(writer.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("Quelqu'un a enregistré la version 2 entre-temps");
        await Assertions.Expect(writer.Locator("#section-1 + *")).ToHaveTextAsync(CoAuthorsPart);
        await Assertions.Expect(Part(writer, 2).GetByLabel("Texte de la partie")).ToHaveValueAsync(MembersPart);
        await Assertions.Expect(Part(writer, 3).GetByLabel("Titre de la partie")).ToHaveValueAsync("Calendrier");
        await Assertions.Expect(Part(writer, 1).GetByLabel("Texte de la partie"))
            .ToHaveValueAsync("Considérant que les jardins partagés sont peu nombreux,");
        await BrowserFixture.ScreenshotAsync(writer, "draft-saved-meanwhile-fr");

        // Having brought the co-author's change in, the member saves the merged text as version 3.
        await Part(writer, 1).GetByLabel("Texte de la partie").FillAsync(CoAuthorsPart);
        await writer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await Assertions.Expect(writer.GetByRole(AriaRole.Status)).ToHaveTextAsync("La version 3 est enregistrée.");
        await Assertions.Expect(writer.Locator("#section-3")).ToHaveTextAsync("3. Calendrier");
        await BrowserFixture.AssertAccessibleAsync(writer);

        var saved = await scenario.Member(member, "documents").GetFromJsonAsync<JsonElement>(documents);
        var text = saved.GetProperty("document");
        Assert.Equal(3, text.GetProperty("version").GetInt32());
        Assert.Equal([CoAuthorsPart, MembersPart, "Dès la saison 2027."],
            text.GetProperty("sections").EnumerateArray().Select(section => section.GetProperty("markdown").GetString()));
    }

    private static ILocator Part(IPage page, int number) => page.GetByRole(AriaRole.Group, new() { Name = $"Partie {number}" });
}
