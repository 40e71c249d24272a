namespace Assemblee.BrowserTests;

/// <summary>The executive's space: the body's questions ruled on, put on an exchange session's agenda and answered.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecutiveTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_executive_rules_on_a_bodys_questions_schedules_an_oral_one_and_answers_it_and_no_one_else_may()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-executive");
        var oral = await SubmittedAsync(scenario, "oral-question", "Les jeunes et le budget participatif");
        await SubmittedAsync(scenario, "written-question", "Horaires des bibliothèques");
        await scenario.PlannedSessionAsync(DateTimeOffset.UtcNow.AddDays(10), "veille-exchange", "Échange avec l'exécutif");
        var page = await browser.SignedInAsync(system, "Exécutif", scenario.Body, "executive-1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Espace de l'exécutif" }).ClickAsync();
        var toRule = page.GetByRole(AriaRole.Region, new() { Name = "Recevabilité à examiner" });
        await Assertions.Expect(toRule.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "executive-fr");

        // Inadmissible needs its reason, which the service asks for beside the field; nothing is ruled until it is given.
        await toRule.GetByRole(AriaRole.Link, new() { Name = "Horaires des bibliothèques" }).ClickAsync();
        await page.GetByLabel("Décision", new() { Exact = true }).SelectOptionAsync("inadmissible");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision de recevabilité" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ruling-reason-errors")).ToContainTextAsync("Pourquoi la question est irrecevable");
        await page.GetByLabel("Motif (publié avec la décision)").FillAsync("Relève de la compétence de l'État.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision de recevabilité" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La question est déclarée irrecevable.");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Irrecevable");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Relève de la compétence de l'État.");

        // The oral question: admissible, on the exchange session's agenda, then answered as the answer will be published.
        await page.GetByRole(AriaRole.Link, new() { Name = "Espace de l'exécutif" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Les jeunes et le budget participatif" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision de recevabilité" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La question est déclarée recevable.");
        await Assertions.Expect(page.GetByLabel("Séance d'échange", new() { Exact = true }))
            .ToContainTextAsync("Échange avec l'exécutif");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire la question" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status))
            .ToHaveTextAsync("La question est inscrite à l'ordre du jour de la séance.");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Inscrite à l'ordre du jour");
        await page.GetByLabel("Qui répond").FillAsync("Adjointe chargée de la jeunesse");
        await page.GetByLabel("Réponse", new() { Exact = true }).FillAsync("Un collège jeunesse votera une part du budget.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier la réponse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La réponse est publiée au registre.");
        await Assertions.Expect(page.GetByRole(AriaRole.Article)).ToContainTextAsync("Un collège jeunesse votera une part du budget.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Espace de l'exécutif" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Aucune question n'attend de réponse.");

        // The public register shows both outcomes.
        var register = await browser.VisitorAsync(system);
        await register.GotoAsync($"/veille?organe={scenario.Body}");
        await Assertions.Expect(register.GetByRole(AriaRole.Row).Filter(new() { HasText = "Les jeunes et le budget" }))
            .ToContainTextAsync("Répondue");
        await Assertions.Expect(register.GetByRole(AriaRole.Row).Filter(new() { HasText = "Horaires des bibliothèques" }))
            .ToContainTextAsync("Irrecevable");
        await register.GetByRole(AriaRole.Link, new() { Name = "Les jeunes et le budget participatif" }).ClickAsync();
        await Assertions.Expect(register.GetByRole(AriaRole.Article)).ToContainTextAsync("Un collège jeunesse votera une part du budget.");
        await Assertions.Expect(register.Locator(".facts")).ToContainTextAsync("Adjointe chargée de la jeunesse");
        await BrowserFixture.AssertAccessibleAsync(register);

        // A member of the body, and the executive of another body, are refused the space and the question's page.
        foreach (var (role, body, subject) in new[] { ("Membre", scenario.Body, "member-1"), ("Exécutif", "another-body", "executive-2") })
        {
            var other = await browser.SignedInAsync(system, role, body, subject);
            foreach (var path in new[] { $"/{scenario.Body}/executif", $"/{scenario.Body}/executif/questions/{oral}" })
            {
                var refused = await other.GotoAsync(path);
                Assert.Equal(403, refused!.Status);
                await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès refusé");
            }
        }
    }

    /// <summary>A question the body's secretariat drafted, validated on the body's decision and submitted to the executive.</summary>
    private static async Task<Guid> SubmittedAsync(PortalScenario scenario, string kind, string title)
    {
        var veille = scenario.Secretariat("veille");
        var questions = $"/api/veille/bodies/{scenario.Body}/questions";
        var drafted = await veille.PostAsJsonAsync(questions, new
        {
            kind,
            title,
            text = "L'Assemblée demande comment la Ville associera les habitants.",
            addresseeKind = "deputy",
            addressee = "Adjointe chargée de la jeunesse",
            itemIds = Array.Empty<string>(),
            themes = new[] { "Jeunesse" },
        });
        drafted.EnsureSuccessStatusCode();
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await veille.PostAsJsonAsync($"{questions}/{id}/validation", new { decision = "Plénière du 2 décembre" }))
            .EnsureSuccessStatusCode();
        (await veille.PostAsJsonAsync($"{questions}/{id}/submission", new { })).EnsureSuccessStatusCode();
        return id;
    }
}
