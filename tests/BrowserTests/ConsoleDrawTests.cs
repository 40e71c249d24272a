using System.Text;

namespace Assemblee.BrowserTests;

/// <summary>A whole draw run from the secretariat's console, as before the bailiff: nothing is prepared through the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleDrawTests(BrowserSystemFixture system, BrowserFixture browser)
{
    /// <summary>
    /// Fills the new draw's form with a valid specification (ten seats in two groups, quotas on gender and age) and creates it.
    /// </summary>
    internal static async Task CreateDrawAsync(IPage page, string title)
    {
        await page.GetByLabel("Titre du tirage").FillAsync(title);
        await page.GetByLabel("Taille du panel").FillAsync("10");
        await page.GetByLabel("Groupes de sièges").FillAsync(
            "electoral-list; 8; electoral; 60; 18; 120\ncitizen-card; 2; citizen-card; 20; 18; 120");
        await page.GetByLabel("Catégories de quotas").FillAsync("gender: female 4-6, male 4-6\nage: 18-44 3-7, 45+ 3-7");
        await page.GetByLabel("Classes d'âge").FillAsync("18-44; 18; 44\n45+; 45; 120");
        await page.GetByLabel("Nombre de suppléants").FillAsync("20");
        await page.GetByLabel("Date de calcul des âges").FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le tirage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First)
            .ToHaveTextAsync("Le tirage est créé. Importez maintenant ses listes.");
    }

    [Fact]
    public async Task The_secretariat_runs_a_small_draw_from_the_console_from_its_specification_to_the_ceremony()
    {
        var scenario = await new PortalScenario(system).RegisteredAsync();
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Console du secrétariat" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau tirage" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "new-draw-fr");

        // A line the form cannot read is named, and nothing is created.
        await page.GetByLabel("Titre du tirage").FillAsync("Tirage du navigateur");
        await page.GetByLabel("Groupes de sièges").FillAsync("electoral-list; 8; electoral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le tirage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le tirage n'a pas été créé");
        await Assertions.Expect(page.Locator("#seat-groups-errors")).ToContainTextAsync("Ligne 1 : écrivez");
        await BrowserFixture.AssertAccessibleAsync(page);
        // The service's own rules answer field by field: these seats do not add up to the panel.
        await page.GetByLabel("Taille du panel").FillAsync("10");
        await page.GetByLabel("Groupes de sièges").FillAsync("electoral-list; 8; electoral; 60; 18; 120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le tirage" }).ClickAsync();
        await Assertions.Expect(page.Locator("#seat-groups-errors"))
            .ToContainTextAsync("Les sièges des groupes totalisent 8, pas la taille du panel, 10.");

        await CreateDrawAsync(page, "Tirage du navigateur");
        var draw = Guid.Parse(DrawAddress().Match(page.Url).Groups[1].Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "electoral" }).First)
            .ToContainTextAsync("Pas encore importée");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The electoral list, sent slowly (the browser's upload throttled) so that its progress can be watched.
        var electoral = page.GetByRole(AriaRole.Form, new() { Name = "Importer la liste « electoral »" });
        await electoral.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "electoral.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(SortitionScenario.SourceList("E", 3000)),
        });
        var network = await page.Context.NewCDPSessionAsync(page);
        await network.SendAsync("Network.enable");
        await ThrottleUploadsAsync(network, bytesPerSecond: 50_000);
        await electoral.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(electoral.Locator("progress")).ToBeVisibleAsync();
        await Assertions.Expect(electoral.GetByRole(AriaRole.Status)).ToContainTextAsync("lignes lues");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("La liste est importée.",
            new() { Timeout = 30_000 });
        await ThrottleUploadsAsync(network, bytesPerSecond: -1);
        // The citizen-card list as a city export in Latin-1: sent as UTF-8, it is refused, each bad line said in French; declared
        // as Latin-1, it is imported with its accents.
        var citizenCard = page.GetByRole(AriaRole.Form, new() { Name = "Importer la liste « citizen-card »" });
        var latin1 = new FilePayload
        {
            Name = "carte-citoyenne.csv",
            MimeType = "text/csv",
            Buffer = Encoding.Latin1.GetBytes(SortitionScenario.SourceList("CC", 400)),
        };
        await citizenCard.GetByLabel("Fichier CSV").SetInputFilesAsync(latin1);
        await citizenCard.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "citizen-card" }).First)
            .ToContainTextAsync(new Regex("Ligne \\d+ : Ce n'est pas de l'UTF-8 : choisissez l'encodage du fichier"));
        await citizenCard.GetByLabel("Encodage du fichier").SelectOptionAsync("iso-8859-1");
        await citizenCard.GetByLabel("Fichier CSV").SetInputFilesAsync(latin1);
        await citizenCard.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("La liste est importée.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "citizen-card" }).First).ToContainTextAsync("400");
        await BrowserFixture.ScreenshotAsync(page, "draw-lists-fr");

        await page.GetByLabel("Graine du tirage des invitations").FillAsync("2026-12-02 Maître Dupont");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tirer les invitations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Les invitations sont tirées.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("80 invitations envoyées, 0 réponses.");
        // Those invited answer with the code on their letter, as the public does.
        var sortition = new SortitionScenario(system, scenario.Body);
        var answered = await sortition.AnswerAsync(await sortition.LettersAsync(draw));

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les répondants" }).ClickAsync();
        var respondents = page.GetByRole(AriaRole.Table, new() { Name = $"{answered.Count} personnes ont répondu", Exact = true });
        await Assertions.Expect(respondents.Locator("tbody tr")).ToHaveCountAsync(answered.Count);
        await Assertions.Expect(respondents).ToContainTextAsync("Prénom");
        await Assertions.Expect(respondents).Not.ToContainTextAsync("\uFFFD");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Préparer le tirage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("La préparation a commencé");
        // Reading the respondents left the newest line of sortition's access log: who, and how many people.
        var reads = page.GetByRole(AriaRole.Table, new() { Name = "Consultations des données de ce tirage" });
        var newest = reads.GetByRole(AriaRole.Row).Filter(new() { HasText = "secretary-1" }).First;
        await Assertions.Expect(newest.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync($"{answered.Count}");
        var ceremony = page.GetByRole(AriaRole.Heading, new() { Name = "Cérémonie du tirage" });
        await Eventually.ReturnsAsync(async () =>
        {
            await page.ReloadAsync();
            return await ceremony.CountAsync();
        }, count => count == 1, because: "the lottery should be prepared and its commitment shown");
        var shown = await page.Locator(".commitment").InnerTextAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "ceremony-fr");
        await page.GetByLabel("Dés, tels que lancés devant l'huissier").FillAsync("6 2 5 3 1");
        await page.GetByLabel("Valeur de la balise publique").FillAsync("beacon-ceremony-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tirer le panel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le panel est tiré.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Procès-verbal du tirage au sort" }).ClickAsync();
        var record = await sortition.RecordAsync(draw);

        Assert.Equal(record.Commitment, shown.Trim());
        Assert.Equal("6 2 5 3 1", record.Dice);
        Assert.Equal("beacon-ceremony-2026", record.Beacon);
        Assert.Equal(answered.Count, record.Pool.Count);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"n° {record.PanelIndex + 1} sur {record.Panels.Count}");
    }

    /// <summary>Chromium's network emulation (DevTools protocol): uploads at most this fast, or unthrottled with -1.</summary>
    private static Task ThrottleUploadsAsync(ICDPSession network, int bytesPerSecond) =>
        network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 0,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = bytesPerSecond,
        });

    [GeneratedRegex("/secretariat/tirages/([0-9a-f-]{36})")]
    private static partial Regex DrawAddress();
}
