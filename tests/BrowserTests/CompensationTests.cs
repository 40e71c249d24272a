namespace Assemblee.BrowserTests;

/// <summary>Compensation in the browser: the secretariat sets a rate, approves the month and exports it; a member reads theirs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompensationTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_approves_and_exports_the_months_statements_and_a_member_downloads_theirs()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-compensation");
        var (first, second) = (scenario.Confirmed[0], scenario.Confirmed[1]);
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(10);
        var session = await scenario.PlannedSessionAsync(startsAt);
        var sessions = scenario.Secretariat("sessions");
        (await sessions.PostAsync($"/api/sessions/bodies/{scenario.Body}/sessions/{session}/convocation", null)).EnsureSuccessStatusCode();
        // Sessions learns of the confirmed members from membership's events: those it did not know yet are invited on arrival.
        await Eventually.ReturnsAsync(async () => (await sessions.GetFromJsonAsync<JsonElement>(
                $"/api/sessions/bodies/{scenario.Body}/sessions/{session}/convocations"))
            .GetProperty("expected").GetProperty("invited").GetInt32(),
            invited => invited == scenario.Confirmed.Count, because: "every confirmed member should be invited");
        var code = (await sessions.GetFromJsonAsync<JsonElement>($"/api/sessions/bodies/{scenario.Body}/sessions/{session}/check-in-code"))
            .GetProperty("code").GetString();
        foreach (var member in new[] { first, second })
        {
            (await scenario.Member(member, "sessions").PostAsJsonAsync(
                $"/api/sessions/bodies/{scenario.Body}/sessions/{session}/check-in", new { code })).EnsureSuccessStatusCode();
        }
        // A session belongs to the month of its start in Paris.
        var month = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(startsAt, "Europe/Paris").ToString("yyyy-MM");
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1", $"/{scenario.Body}/secretariat");
        await page.GetByRole(AriaRole.Link, new() { Name = "Indemnités" }).ClickAsync();
        await page.GetByLabel("Mois").FillAsync(month);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();

        // Without a rate for it, attendance cannot be paid, and the console says so.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Les relevés ne peuvent pas être calculés. Aucun tarif d'indemnisation ne couvre l'une de ces séances : "
            + "ajoutez d'abord celui de son type de séance.");
        // A rate of nothing is refused beside its amount; 50 € per plenary gives each member present a draft of 50 €.
        await page.GetByLabel("Type de séance").SelectOptionAsync("plenary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le tarif" }).ClickAsync();
        await Assertions.Expect(page.Locator("#amount-errors")).ToContainTextAsync("plus de 0");
        await page.GetByLabel("Montant (euros)").FillAsync("50");
        await page.GetByLabel("À partir du").FillAsync("2020-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le tarif" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le tarif est ajouté.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("50,00 € par séance, Séance plénière");
        foreach (var member in new[] { first, second })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = member.GivenName + " " }))
                .ToContainTextAsync("50,00 €");
        }
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver les relevés du mois" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les relevés du mois sont approuvés.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = first.GivenName + " " })).ToContainTextAsync("Approuvé");
        await BrowserFixture.ScreenshotAsync(page, "console-compensation-fr");
        var exportLink = page.GetByRole(AriaRole.Link,
            new() { Name = "Exporter les relevés approuvés (CSV pour le service des paiements)" });
        var export = await page.RunAndWaitForDownloadAsync(() => exportLink.ClickAsync());
        var rows = (await File.ReadAllTextAsync(await export.PathAsync())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Another body's export is refused to this secretariat, and a member gets no export at all.
        var otherBody = await page.Context.APIRequest.GetAsync($"/body-other/secretariat/indemnites/{month}/releves.csv");

        var memberPage = await browser.SignedInAsync(system, "Membre", scenario.Body, first.Id.ToString(), $"/{scenario.Body}/membres");
        await memberPage.GetByRole(AriaRole.Link, new() { Name = "Mes relevés d'indemnités" }).ClickAsync();
        await memberPage.GetByLabel("Mois").FillAsync(month);
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(memberPage.Locator("main")).ToContainTextAsync("Approuvé · Total : 50,00 €");
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Row, new() { Name = "Plénière de lancement" }))
            .ToContainTextAsync("1 × 50,00 €");
        await BrowserFixture.AssertAccessibleAsync(memberPage);
        var pdf = await memberPage.RunAndWaitForDownloadAsync(() =>
            memberPage.GetByRole(AriaRole.Link, new() { Name = "Télécharger le relevé (PDF)" }).ClickAsync());
        var memberExport = await memberPage.Context.APIRequest.GetAsync($"/{scenario.Body}/secretariat/indemnites/{month}/releves.csv");
        var header = new byte[5];
        await using (var file = File.OpenRead(await pdf.PathAsync()))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal(3, rows.Length);
        Assert.Equal(403, otherBody.Status);
        Assert.Equal(403, memberExport.Status);
        Assert.All(rows.Skip(1), row => Assert.Contains($",{month},1,50.00,", row));
        Assert.Contains(rows, row => row.Contains(first.Id.ToString()));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(header));
        Assert.Equal($"releve-{month}.pdf", pdf.SuggestedFilename);
    }
}
