namespace Assemblee.BrowserTests;

/// <summary>A member's own settings and recourse: their message preferences, and a referral to the guarantors' committee.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberPagesTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task A_member_moves_convocations_to_sms_with_quiet_hours_and_refers_a_matter_to_the_guarantors()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-member-pages");
        var member = scenario.Confirmed[0];
        var page = await browser.SignedInAsync(system, "Membre", scenario.Body, member.Id.ToString(), $"/{scenario.Body}/membres");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes préférences de messages" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Convocation à une séance : Courriel")).ToBeCheckedAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // Quiet hours that start and end together are refused beside them, and nothing is saved.
        await page.GetByLabel("Ne rien m'envoyer pendant ces heures").CheckAsync();
        await page.GetByLabel("De", new() { Exact = true }).FillAsync("21:00");
        await page.GetByLabel("À", new() { Exact = true }).FillAsync("21:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes préférences" }).ClickAsync();
        await Assertions.Expect(page.Locator("#quiet-errors"))
            .ToContainTextAsync("Les heures de tranquillité vont d'une heure à une autre");
        var untouched = await PreferencesAsync(scenario, member);

        await page.GetByLabel("À", new() { Exact = true }).FillAsync("08:00");
        await page.GetByLabel("Langue des messages").SelectOptionAsync("en");
        await page.GetByLabel("Convocation à une séance : Courriel").UncheckAsync();
        await page.GetByLabel("Convocation à une séance : SMS").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes préférences" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vos préférences sont enregistrées.");
        await Assertions.Expect(page.GetByLabel("Convocation à une séance : SMS")).ToBeCheckedAsync();
        var saved = await PreferencesAsync(scenario, member);

        await page.GotoAsync($"/{scenario.Body}/membres/garants");
        await BrowserFixture.AssertAccessibleAsync(page);
        // Blank fields get past the browser's check, not the service's: each refusal shows beside its field.
        await page.GetByLabel("Objet de la saisine").FillAsync("   ");
        await page.GetByLabel("Exposé de la saisine").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transmettre au comité des garants" }).ClickAsync();
        await Assertions.Expect(page.Locator("#title-errors")).ToContainTextAsync("De 1 à 300 caractères.");
        await Assertions.Expect(page.Locator("#text-errors")).ToContainTextAsync(new Regex(@"De 1 à 20\s000 caractères\."));
        await page.GetByLabel("Objet de la saisine").FillAsync("Répartition du temps de parole");
        await page.GetByLabel("Exposé de la saisine").FillAsync("Les ateliers n'ont pas eu le même temps de parole en plénière.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transmettre au comité des garants" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre saisine est transmise au comité des garants.");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Répartition du temps de parole" }))
            .ToContainTextAsync("Déposée");
        var questions = await scenario.Member(member, "veille")
            .GetFromJsonAsync<List<JsonElement>>($"/api/veille/bodies/{scenario.Body}/questions");

        Assert.Equal("fr", untouched.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("quietHours").ValueKind);
        Assert.Equal("en", saved.GetProperty("language").GetString());
        Assert.Equal(("21:00", "08:00"), (saved.GetProperty("quietHours").GetProperty("from").GetString(),
            saved.GetProperty("quietHours").GetProperty("until").GetString()));
        Assert.Equal(["sms"], saved.GetProperty("channels").GetProperty("convocation").EnumerateArray().Select(c => c.GetString()));
        var referral = Assert.Single(questions!).GetProperty("question");
        Assert.Equal(("referral", "submitted", "guarantors"), (referral.GetProperty("kind").GetString(),
            referral.GetProperty("state").GetString(), referral.GetProperty("addresseeKind").GetString()));
    }

    private static async Task<JsonElement> PreferencesAsync(PortalScenario scenario, ConfirmedMember member) =>
        await scenario.Member(member, "notifications")
            .GetFromJsonAsync<JsonElement>($"/api/notifications/bodies/{scenario.Body}/preferences/me");
}
