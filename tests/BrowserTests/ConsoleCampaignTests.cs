namespace Assemblee.BrowserTests;

/// <summary>
/// The console's messages: the draw's invitation letters followed, their print batch downloaded, printed and posted; a message
/// rewritten in the body's own words.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleCampaignTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_follows_the_invitation_letters_downloads_their_batch_and_records_it_printed_then_posted()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-console-campaigns");
        var invitations = await Eventually.ReturnsAsync(async () =>
                (await scenario.Secretariat("notifications").GetFromJsonAsync<List<JsonElement>>(
                    $"/api/notifications/bodies/{scenario.Body}/campaigns"))!
                .FirstOrDefault(campaign => campaign.GetProperty("kind").GetString() == "invitation"),
            campaign => campaign.ValueKind == JsonValueKind.Object && campaign.GetProperty("batch").ValueKind == JsonValueKind.Object,
            TimeSpan.FromMinutes(1), "the draw's invitation letters should be written and batched");
        var letters = invitations.GetProperty("batch").GetProperty("letters").GetInt32();
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1", $"/{scenario.Body}/secretariat");
        await page.GetByRole(AriaRole.Link, new() { Name = "Campagnes de messages" }).ClickAsync();
        var card = page.Locator($"#campagne-{invitations.GetProperty("id").GetGuid()}");
        await Assertions.Expect(card).ToContainTextAsync($"{letters} lettres");
        await Assertions.Expect(card).ToContainTextAsync($"{letters} messages écrits sur {letters}");
        await Assertions.Expect(card).ToContainTextAsync("à imprimer");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "console-campaigns-fr");

        var batch = await page.RunAndWaitForDownloadAsync(() =>
            card.GetByRole(AriaRole.Link, new() { Name = "Lot à imprimer (PDF)" }).ClickAsync());
        var header = new byte[5];
        await using (var file = File.OpenRead(await batch.PathAsync()))
        {
            await file.ReadExactlyAsync(header);
        }
        await card.GetByRole(AriaRole.Button, new() { Name = "Le lot est imprimé" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le lot est enregistré comme imprimé.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Le lot est posté" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le lot est enregistré comme posté");
        await Assertions.Expect(card).ToContainTextAsync("postées le");
        await Assertions.Expect(card.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // Downloading the batch read every invitee's address: notifications logged it, and the console's journal shows it.
        await page.GotoAsync($"/{scenario.Body}/secretariat/journal");
        var letterReads = page.GetByRole(AriaRole.Table,
            new() { Name = "Consultations des lettres et des coordonnées par les notifications" });
        await Assertions.Expect(letterReads.GetByRole(AriaRole.Row).Filter(new() { HasText = "secretary-1" }).First)
            .ToContainTextAsync(letters.ToString());
        await BrowserFixture.AssertAccessibleAsync(page);

        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(header));
    }

    [Fact]
    public async Task The_secretariat_rewrites_the_convocation_previews_it_with_sample_data_and_saves_it_as_the_bodys_version()
    {
        var scenario = await new PortalScenario(system).RegisteredAsync();
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1", $"/{scenario.Body}/secretariat");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rédaction des messages" }).ClickAsync();
        var wordings = page.GetByRole(AriaRole.Table, new() { Name = "36 rédactions, une par message et par langue" });
        await Assertions.Expect(wordings.Locator("tbody tr")).ToHaveCountAsync(36);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Convocation à une séance, français" }).ClickAsync();
        await Assertions.Expect(page.Locator(".lead")).ToHaveTextAsync("Courriel · Rédaction intégrée");

        var subject = page.GetByLabel("Objet");
        await subject.FillAsync("Vous êtes convoqué·e : {{ session.title }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("Le modèle n'est pas du Liquid valide. Le service précise : ");
        await subject.FillAsync("Vous êtes convoqué·e : {{ session.title }}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu" }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Aperçu avec des données d'exemple" });
        await Assertions.Expect(preview.Locator("strong")).ToHaveTextAsync("Vous êtes convoqué·e : Séance plénière de lancement");
        await Assertions.Expect(page.GetByText("L'instance n'a encore écrit aucune version")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La nouvelle version est enregistrée");
        await Assertions.Expect(page.Locator(".lead")).ToHaveTextAsync("Courriel · Version 1");
        await Assertions.Expect(page.Locator("#versions + ul li"))
            .ToHaveTextAsync("Version 1 · Vous êtes convoqué·e : {{ session.title }}");
        await BrowserFixture.ScreenshotAsync(page, "console-message-fr");
        var templates = await scenario.Secretariat("notifications").GetFromJsonAsync<List<JsonElement>>(
            $"/api/notifications/bodies/{scenario.Body}/templates");
        var convocation = templates!.Single(template => template.GetProperty("kind").GetString() == "convocation"
            && template.GetProperty("language").GetString() == "fr");

        Assert.Equal((1, "Vous êtes convoqué·e : {{ session.title }}"),
            (convocation.GetProperty("version").GetInt32(), convocation.GetProperty("subject").GetString()));
    }
}
