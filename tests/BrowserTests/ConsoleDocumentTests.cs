using System.Net.Http.Json;
using System.Text.Json;
using Assemblee.SystemTests;
using Microsoft.Playwright;

namespace Assemblee.BrowserTests;

/// <summary>A vœu's way through the console: an amendment decided, the text submitted to the Council, the Council's decision.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleDocumentTests(SystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_accepts_an_amendment_submits_the_voeu_to_the_council_and_records_its_decision()
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
        var page = await browser.VisitorAsync(system);
        await page.GotoAsync($"/connexion?ReturnUrl=/{scenario.Body}/secretariat");
        await BrowserFixture.SignInAsync(page, "Secrétariat", scenario.Body, "secretary-1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Textes de l'instance" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vœu sur les cours d'école" }).ClickAsync();
        var amendment = page.Locator("#amendement-1");
        await Assertions.Expect(amendment.Locator("ins")).ToContainTextAsync("et le dimanche");
        await BrowserFixture.AssertAccessibleAsync(page);

        await amendment.GetByLabel("Motif de la décision (facultatif)").FillAsync("Adopté en atelier");
        await amendment.GetByRole(AriaRole.Button, new() { Name = "Accepter l'amendement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("L'amendement est accepté");
        await Assertions.Expect(page.Locator("#section-2 + *")).ToContainTextAsync("le samedi et le dimanche");
        await Assertions.Expect(amendment.Locator(".state")).ToContainTextAsync("Adopté");

        // A paper vote of the atelier validates the text; the console then sends it to the Council under its reference.
        (await scenario.Secretariat("documents").PostAsJsonAsync($"{documents}/paper-vote",
            new { @for = 8, against = 1, abstention = 1 })).EnsureSuccessStatusCode();
        await page.GotoAsync(page.Url);
        await page.GetByLabel("Référence au Conseil").FillAsync("V12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transmettre le texte" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reference-errors")).ToContainTextAsync("such as 2023 V 123");
        await page.GetByLabel("Référence au Conseil").FillAsync("2026 V 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transmettre le texte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le texte est transmis au Conseil de Paris.");

        await page.GetByLabel("Décision", new() { Exact = true }).SelectOptionAsync("adopted-as-amended");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(page.Locator("#council-text-errors")).ToContainTextAsync("when it amended it");
        await page.GetByLabel("Texte adopté par le Conseil (s'il l'a modifié)")
            .FillAsync("Le Conseil de Paris émet le vœu d'ouvrir les cours le samedi.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La décision du Conseil est enregistrée.");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("Adopté par le Conseil avec modifications");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "console-document-fr");
        var read = await scenario.Secretariat("documents").GetFromJsonAsync<JsonElement>(documents);

        Assert.Equal(("adopted-as-amended", 2), (read.GetProperty("document").GetProperty("state").GetString(),
            read.GetProperty("document").GetProperty("version").GetInt32()));
    }
}
