using System.Net;

namespace Assemblee.BrowserTests;

/// <summary>
/// A vœu's way through the console: a co-author named, an amendment decided, the text published and submitted to the Council,
/// the Council's decision, then the city's commitments, which the public follows on the text's page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleDocumentTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_takes_a_voeu_through_amendment_publication_and_council_to_commitments_its_co_author_reports_on()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-console-document");
        var member = scenario.Confirmed[0];
        var document = await scenario.AtelierDraftAsync(member, "Vœu sur les cours d'école",
            "Les cours d'école restent fermées le week-end.", "Le Conseil de Paris émet le vœu d'ouvrir les cours le samedi.");
        var documents = $"/api/documents/bodies/{scenario.Body}/documents/{document}";
        (await scenario.Member(member, "documents").PostAsJsonAsync($"{documents}/amendments", new
        {
            section = 2,
            operation = "replace",
            text = "Le Conseil de Paris émet le vœu d'ouvrir les cours le samedi et le dimanche.",
            motivation = "Le dimanche aussi.",
        })).EnsureSuccessStatusCode();
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1", $"/{scenario.Body}/secretariat");
        await page.GetByRole(AriaRole.Link, new() { Name = "Textes de l'instance" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vœu sur les cours d'école" }).ClickAsync();
        var amendment = page.Locator("#amendement-1");
        await Assertions.Expect(amendment.Locator("ins")).ToContainTextAsync("et le dimanche");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Identifiant du compte").FillAsync("dept-education");
        await page.GetByLabel("Qualité (par exemple : direction du logement)").FillAsync("direction des affaires scolaires");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nommer co-auteur" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("dept-education peut maintenant écrire ce texte.");
        var coAuthorReads = await system.Service("documents", "dept-education", ["executive"], [scenario.Body]).GetAsync(documents);
        Assert.Equal(HttpStatusCode.OK, coAuthorReads.StatusCode);

        await amendment.GetByLabel("Motif de la décision (facultatif)").FillAsync("Adopté en atelier");
        await amendment.GetByRole(AriaRole.Button, new() { Name = "Accepter l'amendement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("L'amendement est accepté");
        await Assertions.Expect(page.Locator("#section-2 + *")).ToContainTextAsync("le samedi et le dimanche");
        await Assertions.Expect(amendment.Locator(".state")).ToContainTextAsync("Adopté");

        // A paper vote of the atelier validates the text; the console then sends it to the Council under its reference.
        (await scenario.Secretariat("documents").PostAsJsonAsync($"{documents}/paper-vote",
            new { @for = 8, against = 1, abstention = 1 })).EnsureSuccessStatusCode();
        await page.GotoAsync(page.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier le texte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le texte est publié.");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("Publié");
        await page.GetByLabel("Référence au Conseil").FillAsync("V12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transmettre le texte" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reference-errors")).ToContainTextAsync("par exemple 2023 V 123");
        await page.GetByLabel("Référence au Conseil").FillAsync("2026 V 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transmettre le texte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le texte est transmis au Conseil de Paris.");

        await page.GetByLabel("Décision", new() { Exact = true }).SelectOptionAsync("adopted-as-amended");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(page.Locator("#council-text-errors")).ToContainTextAsync("quand il l'a amendé");
        await page.GetByLabel("Texte adopté par le Conseil (s'il l'a modifié)")
            .FillAsync("Le Conseil de Paris émet le vœu d'ouvrir les cours le samedi.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La décision du Conseil est enregistrée.");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("Adopté par le Conseil avec modifications");

        // The city's departments commit to carry it out; the secretariat records the commitment, then how it stands.
        await page.GetByLabel("Ce que la Ville s'engage à faire").FillAsync("   ");
        await page.GetByLabel("Direction responsable").FillAsync("Direction des affaires scolaires");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'engagement" }).ClickAsync();
        await Assertions.Expect(page.Locator("#commitment-title-errors")).ToContainTextAsync("De 1 à 300 caractères.");
        await page.GetByLabel("Ce que la Ville s'engage à faire").FillAsync("Ouvrir vingt cours d'école le samedi");
        await page.GetByLabel("Échéance (facultative)").FillAsync("2027-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'engagement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'engagement est enregistré.");
        var commitment = page.Locator("article.commitment");
        await Assertions.Expect(commitment.Locator(".state")).ToHaveTextAsync(
            "Prévu · Direction des affaires scolaires · échéance : 30 juin 2027");
        await commitment.GetByLabel("Où en est-il ?").SelectOptionAsync("in-progress");
        await commitment.GetByLabel("Ce qui a été fait").FillAsync("Dix cours ouvrent le samedi depuis mars.");
        await commitment.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'avancement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'avancement est enregistré.");
        await Assertions.Expect(commitment.Locator(".state")).ToContainTextAsync("En cours");
        // The history names each step in the page's language, with who took it.
        var history = page.GetByRole(AriaRole.Region, new() { Name = "Historique" });
        await Assertions.Expect(history).ToContainTextAsync("Amendement accepté · secretary-1");
        await Assertions.Expect(history).ToContainTextAsync("Vote sur papier enregistré · secretary-1");
        await Assertions.Expect(history).ToContainTextAsync("Transmis au Conseil de Paris · secretary-1");
        await Assertions.Expect(history).ToContainTextAsync("Engagement de la Ville enregistré · secretary-1");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "console-document-fr");
        var read = await scenario.Secretariat("documents").GetFromJsonAsync<JsonElement>(documents);

        Assert.Equal(("adopted-as-amended", 2), (read.GetProperty("document").GetProperty("state").GetString(),
            read.GetProperty("document").GetProperty("version").GetInt32()));

        // The public reads the text and how the city carries it out, without the name of whoever recorded it.
        var visitor = await browser.VisitorAsync(system);
        await visitor.GotoAsync($"/{scenario.Body}/documents/{document}");
        var followed = visitor.Locator("article.commitment");
        await Assertions.Expect(followed.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Ouvrir vingt cours d'école le samedi");
        await Assertions.Expect(followed.Locator(".state")).ToContainTextAsync("En cours · Direction des affaires scolaires");
        await Assertions.Expect(followed.Locator(".updates li")).ToContainTextAsync("En cours · Dix cours ouvrent le samedi depuis mars.");
        Assert.DoesNotContain("secretary-1", await visitor.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(visitor);

        // The co-author department, signed in as the executive, finds the text in its space and records that it is done.
        var department = await browser.CoAuthorOpensAsync(system, scenario.Body, "dept-education", "Vœu sur les cours d'école");
        var carried = department.Locator("article.commitment");
        await carried.GetByLabel("Où en est-il ?").SelectOptionAsync("done");
        await carried.GetByLabel("Ce qui a été fait").FillAsync("Les vingt cours ouvrent le samedi.");
        await carried.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'avancement" }).ClickAsync();
        await Assertions.Expect(department.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'avancement est enregistré.");
        await Assertions.Expect(carried.Locator(".state")).ToContainTextAsync("Réalisé");
        await BrowserFixture.AssertAccessibleAsync(department);
    }
}
