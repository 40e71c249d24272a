namespace Assemblee.BrowserTests;

/// <summary>Signing in (the development sign-in page), a member's space, the secretariat's console and who may see them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task A_member_signs_in_and_answers_a_convocation_and_sees_no_console()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-member-space");
        var member = scenario.Confirmed[0];
        var session = await ConvenedPlenaryAsync(scenario, member, DateTimeOffset.UtcNow.AddDays(2));
        var page = await browser.VisitorAsync(system);

        await page.GotoAsync($"/{scenario.Body}/membres");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/connexion\\?ReturnUrl="));
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.SignInAsync(page, "Membre", scenario.Body, member.Id.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mon espace");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Bonjour {member.GivenName}.");
        var card = page.Locator($"#seance-{session}");
        await Assertions.Expect(card).ToContainTextAsync("Plénière de lancement");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "member-space-fr");

        await card.GetByRole(AriaRole.Button, new() { Name = "Je serai présent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre réponse est enregistrée.");
        var answer = await AnswerOfAsync(scenario, session, member.Id);
        await card.GetByRole(AriaRole.Button, new() { Name = "Je suis excusé" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("une excuse demande un motif");
        // The same answer posted from elsewhere, with the member's cookie but without the page's antiforgery token.
        var forgedForm = page.Context.APIRequest.CreateFormData();
        forgedForm.Set("Answer", "excused");
        forgedForm.Set("Reason", "forged");
        var forged = await page.Context.APIRequest.PostAsync($"/{scenario.Body}/membres/seances/{session}/reponse",
            new() { Form = forgedForm, MaxRedirects = 0 });

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Console du secrétariat" })).ToHaveCountAsync(0);
        var console = await page.GotoAsync($"/{scenario.Body}/secretariat");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès refusé");
        await BrowserFixture.AssertAccessibleAsync(page);

        Assert.Equal("attending", answer);
        Assert.Equal(400, forged.Status);
        // The sender is shown the site's error page, not the exception.
        Assert.Contains("<h1>Une erreur est survenue</h1>", await forged.TextAsync());
        Assert.Equal(403, console!.Status);
        Assert.Equal("attending", await AnswerOfAsync(scenario, session, member.Id));
    }

    [Fact]
    public async Task A_member_checks_in_with_the_rooms_code_on_a_phone_and_casts_one_secret_ballot()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-vote");
        var member = scenario.Confirmed[0];
        // Starting in ten minutes: the doors are open (check-in starts half an hour before).
        var session = await ConvenedPlenaryAsync(scenario, member, DateTimeOffset.UtcNow.AddMinutes(10));
        var sessions = scenario.Secretariat("sessions");
        var code = (await sessions.GetFromJsonAsync<JsonElement>($"/api/sessions/bodies/{scenario.Body}/sessions/{session}/check-in-code"))
            .GetProperty("code").GetString()!;
        var prepared = await sessions.PostAsJsonAsync($"/api/sessions/bodies/{scenario.Body}/sessions/{session}/votes", new
        {
            question = "Adopter le règlement intérieur ?",
            majority = "simple",
            method = "ballot",
            secret = true,
            requiresQuorum = false,
        });
        var vote = (await prepared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await sessions.PostAsync($"/api/sessions/bodies/{scenario.Body}/votes/{vote}/opening", null)).EnsureSuccessStatusCode();
        var page = await browser.VisitorAsync(system);
        await page.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);

        await page.GotoAsync($"/connexion?ReturnUrl=/{scenario.Body}/membres");
        await BrowserFixture.SignInAsync(page, "Membre", scenario.Body, member.Id.ToString());
        var card = page.Locator($"#seance-{session}");
        await card.GetByLabel("Code affiché dans la salle").FillAsync("WRONG1");
        await card.GetByRole(AriaRole.Button, new() { Name = "Je suis arrivé" }).ClickAsync();
        // The service refused by its rule (wrong-code), which the page says in French, not in the service's English.
        await Assertions.Expect(page.GetByRole(AriaRole.Status))
            .ToHaveTextAsync("Ce n'est pas le code de cette séance : utilisez celui affiché dans la salle.");
        await card.GetByLabel("Code affiché dans la salle").FillAsync(code);
        await card.GetByRole(AriaRole.Button, new() { Name = "Je suis arrivé" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vous êtes enregistré comme présent.");
        var ballot = card.GetByRole(AriaRole.Group, new() { Name = "Adopter le règlement intérieur ? (vote à bulletin secret)" });
        await ballot.GetByLabel("Pour").CheckAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "ballot-fr");
        await card.GetByRole(AriaRole.Button, new() { Name = "Voter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre vote est enregistré.");
        await ballot.GetByLabel("Contre").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Voter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vous avez déjà voté : votre bulletin est compté.");
        var closed = await sessions.PostAsync($"/api/sessions/bodies/{scenario.Body}/votes/{vote}/closing", null);
        var result = (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");

        // The public reads the result on the session's page, without signing in.
        var visitor = await browser.VisitorAsync(system);
        await visitor.GotoAsync($"/{scenario.Body}/seances/{session}");
        var published = visitor.GetByRole(AriaRole.Article).Filter(new() { HasText = "Adopter le règlement intérieur ?" });
        await Assertions.Expect(published).ToContainTextAsync("Adopté");
        await Assertions.Expect(published.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pour" })).ToContainTextAsync("1");
        await Assertions.Expect(published.Locator("caption")).ToHaveTextAsync("1 votants, 1 suffrages exprimés");
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await BrowserFixture.ScreenshotAsync(visitor, "vote-result-fr");

        Assert.Equal(1, result.GetProperty("cast").GetInt32());
        Assert.Equal(1, result.GetProperty("totals").GetProperty("for").GetInt32());
        Assert.Equal(0, result.GetProperty("totals").GetProperty("against").GetInt32());
    }

    [Fact]
    public async Task A_member_proposes_an_amendment_to_their_ateliers_text_and_reads_its_changes_word_by_word()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-amendment");
        var member = scenario.Confirmed[0];
        var document = await scenario.AtelierDraftAsync(member, "Vœu sur la rénovation des logements",
            "Considérant que la moitié des logements parisiens sont mal isolés,",
            "Le Conseil de Paris émet le vœu que la Ville finance les rénovations.");
        var page = await browser.VisitorAsync(system);
        await page.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);

        await page.GotoAsync($"/connexion?ReturnUrl=/{scenario.Body}/membres");
        await BrowserFixture.SignInAsync(page, "Membre", scenario.Body, member.Id.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Vœu sur la rénovation des logements" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Amender la partie 2" }).ClickAsync();
        var text = page.GetByLabel("Nouveau texte");
        await Assertions.Expect(text).ToHaveValueAsync("Le Conseil de Paris émet le vœu que la Ville finance les rénovations.");
        await text.FillAsync("Le Conseil de Paris émet le vœu que la Ville finance et accompagne les rénovations.");
        await page.GetByLabel("Exposé des motifs").FillAsync("Accompagner les copropriétés");
        await page.GetByRole(AriaRole.Button, new() { Name = "Proposer un amendement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre amendement est proposé.");
        var amendment = page.Locator("#amendement-1");
        await Assertions.Expect(amendment).ToContainTextAsync("Amendement n° 1 : remplacer la partie 2");
        await Assertions.Expect(amendment.Locator("ins")).ToHaveTextAsync("et accompagne ");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "amendment-fr");
        var listed = await scenario.Member(member, "documents")
            .GetFromJsonAsync<List<JsonElement>>($"/api/documents/bodies/{scenario.Body}/documents/{document}/amendments");

        var proposed = Assert.Single(listed!).GetProperty("amendment");
        Assert.Equal(member.Id.ToString(), proposed.GetProperty("author").GetString());
        Assert.Equal("Accompagner les copropriétés", proposed.GetProperty("motivation").GetString());
        Assert.Equal("Le Conseil de Paris émet le vœu que la Ville finance et accompagne les rénovations.",
            proposed.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_secretariat_sees_its_bodys_draws_in_the_console_and_another_bodys_secretariat_is_refused()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-console");
        var own = await browser.VisitorAsync(system);
        var other = await browser.VisitorAsync(system);

        await own.GotoAsync("/connexion");
        await BrowserFixture.SignInAsync(own, "Secrétariat", scenario.Body, "secretary-1");
        await own.GetByRole(AriaRole.Link, new() { Name = "Console du secrétariat" }).ClickAsync();
        var row = own.GetByRole(AriaRole.Row).Filter(new() { HasText = "Panel de test" });
        await Assertions.Expect(row).ToContainTextAsync("Tiré");
        await Assertions.Expect(row).ToContainTextAsync("40");
        await BrowserFixture.AssertAccessibleAsync(own);
        await BrowserFixture.ScreenshotAsync(own, "console-fr");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(own.Locator("main")).ToContainTextAsync("Le panel est tiré.");
        await own.GetByRole(AriaRole.Link, new() { Name = "Procès-verbal du tirage au sort" }).ClickAsync();
        await Assertions.Expect(own.Locator("main")).ToContainTextAsync(scenario.Record.Commitment);

        await other.GotoAsync("/connexion");
        await BrowserFixture.SignInAsync(other, "Secrétariat", "another-body", "secretary-2");
        var refused = await other.GotoAsync($"/{scenario.Body}/secretariat");
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès refusé");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(other.Locator("main")).Not.ToContainTextAsync("Panel de test");
        // Signing out ends the session: the console asks for a sign-in again.
        await own.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await own.GotoAsync($"/{scenario.Body}/secretariat");
        await Assertions.Expect(own).ToHaveURLAsync(new Regex("/connexion\\?ReturnUrl="));
    }

    [Fact]
    public async Task The_secretariat_confirms_a_member_and_records_a_departure_that_brings_in_a_substitute()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-members");
        var members = $"/api/membership/bodies/{scenario.Body}/promotions/{scenario.PromotionId}/members";
        var leaving = (await scenario.Secretariat("membership").GetFromJsonAsync<List<JsonElement>>(members))!
            .First(member => member.GetProperty("member").GetProperty("state").GetString() == "drawn"
                && member.GetProperty("givenName").GetString() != scenario.Waiting)
            .GetProperty("givenName").GetString()!;
        var page = await browser.VisitorAsync(system);
        ILocator Card(string givenName) => page.GetByRole(AriaRole.Article).Filter(new()
        {
            Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"^{Regex.Escape(givenName)} ") }),
        });

        await page.GotoAsync("/connexion");
        await BrowserFixture.SignInAsync(page, "Secrétariat", scenario.Body, "secretary-1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Console du secrétariat" }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Promotions" }).GetByRole(AriaRole.Link, new() { Name = scenario.Promotion })
            .ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("3 membres en activité, 7 à confirmer, 0 partis.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "console-members-fr");
        await Card(scenario.Waiting).GetByRole(AriaRole.Button, new() { Name = "Confirmer sa participation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("C'est enregistré.");
        await Assertions.Expect(Card(scenario.Waiting)).ToContainTextAsync("En activité");
        await Card(leaving).GetByLabel("Motif").SelectOptionAsync(new SelectOptionValue { Label = "A décliné" });
        await Card(leaving).GetByRole(AriaRole.Button, new() { Name = "Enregistrer le départ et appeler un suppléant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("C'est enregistré.");
        await Assertions.Expect(Card(leaving)).ToContainTextAsync("A décliné");
        // Sortition designates the substitute keeping every quota; membership adds them to the promotion from its event.
        var listed = await Eventually.ReturnsAsync(async () => (await scenario.Secretariat("membership")
            .GetFromJsonAsync<List<JsonElement>>(members))!, list => list.Count == 11, because: "a substitute takes the seat");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("4 membres en activité, 6 à confirmer, 1 partis.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Console du secrétariat" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal des accès aux données personnelles" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("secretary-1");
        await BrowserFixture.AssertAccessibleAsync(page);

        Assert.Equal("declined", listed.Single(member => member.GetProperty("givenName").GetString() == leaving)
            .GetProperty("member").GetProperty("state").GetString());
    }

    /// <summary>A public plenary planned and convened by the secretariat; returns once the member is invited.</summary>
    private static async Task<Guid> ConvenedPlenaryAsync(PortalScenario scenario, ConfirmedMember member, DateTimeOffset startsAt)
    {
        var session = await scenario.PlannedSessionAsync(startsAt);
        var sessions = scenario.Secretariat("sessions");
        (await sessions.PostAsync($"/api/sessions/bodies/{scenario.Body}/sessions/{session}/convocation", null)).EnsureSuccessStatusCode();
        await Eventually.ReturnsAsync(() => AnswerOfAsync(scenario, session, member.Id), answer => answer is not null,
            because: "sessions should invite the member once membership says they are confirmed");
        return session;
    }

    /// <summary>The member's answer as the secretariat's list of convocations shows it; null while they are not invited.</summary>
    private static async Task<string?> AnswerOfAsync(PortalScenario scenario, Guid session, Guid member)
    {
        var list = await scenario.Secretariat("sessions").GetFromJsonAsync<JsonElement>(
            $"/api/sessions/bodies/{scenario.Body}/sessions/{session}/convocations");
        return list.GetProperty("convocations").EnumerateArray()
            .Where(convocation => convocation.GetProperty("memberId").GetGuid() == member)
            .Select(convocation => convocation.GetProperty("answer").GetString()).FirstOrDefault();
    }
}
