namespace Assemblee.BrowserTests;

/// <summary>
/// Sessions run from the secretariat's console: planned, convened, its roll call and quorum, votes by ballot and by show of
/// hands, an attendance corrected; moved, postponed and given a new date.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleSessionTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_convenes_a_plenary_calls_the_roll_runs_a_ballot_and_a_show_of_hands_and_corrects_an_attendance()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-console-session");
        var (first, second) = (scenario.Confirmed[0], scenario.Confirmed[1]);
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1",
            $"/{scenario.Body}/secretariat/promotions/{scenario.PromotionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Séances de la promotion" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // Neither a place nor a link: the service's rule is shown beside the address, and nothing is planned.
        var startsAt = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTimeOffset.UtcNow.AddMinutes(10), "Europe/Paris");
        await page.GetByLabel("Titre de la séance").FillAsync("Plénière du règlement");
        await page.GetByLabel("Ordre du jour").FillAsync("Accueil\nRèglement intérieur");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(startsAt.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Heure de début").FillAsync(startsAt.ToString("HH:mm"));
        await page.GetByLabel("Heure de fin").FillAsync(startsAt.AddHours(2).ToString("HH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier la séance" }).ClickAsync();
        await Assertions.Expect(page.Locator("#address-errors")).ToContainTextAsync("Un lieu ou un lien en ligne est requis.");
        await Assertions.Expect(page.GetByText("Aucune séance n'est encore prévue.")).ToBeVisibleAsync();

        await page.GetByLabel("Adresse").FillAsync("Hôtel de Ville, 75004 Paris");
        await page.GetByLabel("Séance publique").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La séance est planifiée.");
        var session = Guid.Parse(Regex.Match(page.Url, "/seances/([0-9a-f-]{36})").Groups[1].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Convoquer les membres" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les membres sont convoqués.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("3 convoqués");
        var code = (await page.Locator(".check-in-code").TextContentAsync())!.Trim();

        // One member checks in with the code shown; a vote needing the quorum (2 of 3) cannot open yet, and the service says why.
        (await scenario.Member(first, "sessions").PostAsJsonAsync(
            $"/api/sessions/bodies/{scenario.Body}/sessions/{session}/check-in", new { code })).EnsureSuccessStatusCode();
        await page.GetByLabel("Question soumise au vote").FillAsync("Adopter le règlement intérieur ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Préparer le vote" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le vote est préparé.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le vote" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Le quorum n'est pas atteint.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Quorum : 1 présents sur 3 membres actifs, 2 requis.");

        // The second member is seen in the room: the roll call records them, and the quorum is reached.
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{Regex.Escape(second.GivenName)} ") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les présents cochés" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les présents sont enregistrés.");
        await Assertions.Expect(Row(page, second)).ToContainTextAsync("(appel)");
        await Assertions.Expect(Row(page, first)).ToContainTextAsync("(émargement)");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Quorum atteint.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le vote" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le vote est ouvert.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "console-session-fr");

        var vote = (await scenario.Secretariat("sessions").GetFromJsonAsync<List<VoteView>>(
            $"/api/sessions/bodies/{scenario.Body}/sessions/{session}/votes"))!.Single().Id;
        foreach (var (member, option) in new[] { (first, "for"), (second, "against") })
        {
            (await scenario.Member(member, "sessions").PostAsJsonAsync($"/api/sessions/bodies/{scenario.Body}/votes/{vote}/ballots",
                new { option })).EnsureSuccessStatusCode();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Clore le vote et publier le résultat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le vote est clos ; son résultat est publié.");
        // One for and one against: a simple majority is not reached, and the public page says so too.
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rejeté");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("2 votants, 2 suffrages exprimés");

        // The third member was in the room but neither checked in nor was called: the correction records them, with its reason.
        var third = scenario.Confirmed[2];
        await page.GetByLabel("Membre", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = third.Id.ToString() });
        await page.GetByLabel("Heure d'arrivée").FillAsync(startsAt.ToString("HH:mm"));
        await page.GetByLabel("Motif de la correction").FillAsync("Arrivée signalée par l'accueil.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Corriger la présence" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La présence est corrigée.");
        await Assertions.Expect(Row(page, third)).ToContainTextAsync("(correction)");
        var corrections = page.GetByRole(AriaRole.Table, new() { Name = "1 corrections de présence" });
        await Assertions.Expect(corrections).ToContainTextAsync("Arrivée signalée par l'accueil.");
        await Assertions.Expect(corrections.GetByRole(AriaRole.Row).Last).ToContainTextAsync("Absent");


        // A show of hands: the secretariat enters the hands counted, and the result follows from them.
        await page.GetByLabel("Question soumise au vote").FillAsync("Lever la séance à 21 heures ?");
        await page.GetByLabel("Mode de vote").SelectOptionAsync(new SelectOptionValue { Label = "Vote à main levée" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Préparer le vote" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le vote est préparé.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le vote" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le vote est ouvert.");
        var hands = page.GetByRole(AriaRole.Group, new() { Name = "Décompte à main levée" });
        await hands.GetByLabel("Pour").FillAsync("2");
        await hands.GetByLabel("Contre").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clore le vote et publier le résultat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le vote est clos ; son résultat est publié.");
        var raised = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Lever la séance à 21 heures ?" });
        await Assertions.Expect(raised).ToContainTextAsync("Adopté");
        await Assertions.Expect(raised).ToContainTextAsync("Pour 2 · Contre 0 · Abstention 0");

        await page.GetByRole(AriaRole.Link, new() { Name = "Page publique de la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "règlement intérieur" }))
            .ToContainTextAsync("Rejeté");
    }

    [Fact]
    public async Task The_secretariat_moves_a_session_postpones_it_once_convened_then_gives_it_its_new_date()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-console-move");
        var session = await scenario.PlannedSessionAsync(DateTimeOffset.UtcNow.AddDays(7));
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1",
            $"/{scenario.Body}/secretariat/seances/{session}");

        // A day gone by is refused, in the page's language, and the session stays where it was.
        var parisToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Paris"));
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(parisToday.AddDays(-1).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Une séance ne se déplace qu'à un moment à venir.");

        // Eight days ahead, from 19:00 to 21:30 in Paris, in another room of the same building.
        var day = parisToday.AddDays(8);
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Heure de début").FillAsync("19:00");
        await page.GetByLabel("Heure de fin").FillAsync("21:30");
        await page.GetByLabel("Salle", new() { Exact = true }).FillAsync("Salle Saint-Jean");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La séance est déplacée.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Salle Saint-Jean, Hôtel de Ville, 75004 Paris");
        var moved = await SessionAsync(scenario, session);
        var startsAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(19, 0)),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris").GetUtcOffset(day.ToDateTime(new TimeOnly(19, 0))));
        Assert.Equal(startsAt, moved.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(startsAt.AddHours(2.5), moved.GetProperty("endsAt").GetDateTimeOffset());
        // What the form does not show is kept: the way in, the agenda's speakers.
        Assert.Equal("Entrée rue de Rivoli", moved.GetProperty("place").GetProperty("access").GetString());
        Assert.Equal("Secrétariat", moved.GetProperty("agenda")[0].GetProperty("speakers")[0].GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Convoquer les membres" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les membres sont convoqués.");
        await page.GetByLabel("Motif du report").FillAsync("La salle est indisponible ce soir-là.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reporter la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La séance est reportée");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Reportée");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Its new date known, the postponed session is moved and stands convened again.
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(parisToday.AddDays(15).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer la séance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La séance est déplacée.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Convoquée");
        Assert.Equal("convened", (await SessionAsync(scenario, session)).GetProperty("state").GetString());
    }

    private static async Task<JsonElement> SessionAsync(PortalScenario scenario, Guid session) =>
        await scenario.Secretariat("sessions").GetFromJsonAsync<JsonElement>($"/api/sessions/bodies/{scenario.Body}/sessions/{session}");

    private static ILocator Row(IPage page, ConfirmedMember member) =>
        page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex($"^{Regex.Escape(member.GivenName)} ") });

    private sealed record VoteView(Guid Id);
}
