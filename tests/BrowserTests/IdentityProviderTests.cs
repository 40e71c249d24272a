using System.Net;
using System.Net.Http.Headers;

namespace Assemblee.BrowserTests;

/// <summary>
/// Signing in as at the city: the web application sends the visitor to the OpenID Connect provider, which signs them in and
/// sends them back; the services accept the provider's access tokens and refuse them for another body.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class IdentityProviderTests(ProviderSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_signs_in_at_the_provider_and_works_in_its_console_and_nowhere_else()
    {
        // Another body's software registers the body with its own client credentials, through the gateway.
        using var gateway = system.App.CreateHttpClient("gateway");
        gateway.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await system.TokenAsync(ProviderSystemFixture.RegistryClient));
        var registered = await gateway.PostAsJsonAsync("/api/membership/bodies",
            new { id = ProviderSystemFixture.Body, name = "Conseil citoyen OIDC", kind = "other" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        gateway.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/dev/token")).StatusCode);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = system.App.GetEndpoint("gateway", "http").ToString(),
            Locale = "fr-FR",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        // No development form: the web application's page only leads to the provider.
        await Assertions.Expect(page.GetByLabel("Rôle")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter avec son compte de la Ville de Paris" }).ClickAsync();
        // The provider's own page, at the provider's address.
        var provider = system.App.GetEndpoint("identity", "http");
        Assert.StartsWith(provider.GetLeftPart(UriPartial.Authority), page.Url);
        await page.GetByLabel("Identifiant").FillAsync(ProviderSystemFixture.Secretary);
        await page.GetByLabel("Mot de passe").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Identifiant ou mot de passe incorrect.");

        await page.GetByLabel("Identifiant").FillAsync(ProviderSystemFixture.Secretary);
        await page.GetByLabel("Mot de passe").FillAsync(system.SecretaryPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // Back on the portal, through the gateway, with the body's console among the account's spaces.
        await page.GetByRole(AriaRole.Link, new() { Name = "Console du secrétariat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Console du secrétariat");
        Assert.StartsWith(system.App.GetEndpoint("gateway", "http").GetLeftPart(UriPartial.Authority), page.Url);

        // The console reads the body's draws, and creates one: sortition accepts the provider's token for this body.
        await Assertions.Expect(page.GetByText("Aucun tirage pour l'instant.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau tirage" }).ClickAsync();
        await ConsoleDrawTests.CreateDrawAsync(page, "Tirage signé par le fournisseur");

        // Once the access token is near its end, the next page renews it with the refresh token and the session goes on.
        // Timed from the cookie's reading: the token it holds was received before, so it is due for renewal after this wait.
        // (Under load, a page of the draw's creation may already have renewed the first token: CI saw it twice.)
        var session = await SessionCookieAsync(context);
        await Task.Delay(ProviderSystemFixture.AccessTokenLifetime - ProviderSystemFixture.RenewalMargin + TimeSpan.FromSeconds(1));
        await page.GotoAsync($"/{ProviderSystemFixture.Body}/secretariat");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tirage signé par le fournisseur" })).ToBeVisibleAsync();
        Assert.NotEqual(session, await SessionCookieAsync(context));

        // Another body's console is refused to this account.
        await page.GotoAsync("/autre-conseil/secretariat");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès refusé");

        // Signing out ends the session at the provider too: the next person at this computer is asked who they are.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter avec son compte de la Ville de Paris" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Mot de passe")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    /// <summary>The sign-in cookie, in all its chunks: with three tokens in it, ASP.NET Core splits it.</summary>
    private static async Task<string> SessionCookieAsync(IBrowserContext context) => string.Concat((await context.CookiesAsync())
        .Where(cookie => cookie.Name.StartsWith("assemblee-session", StringComparison.Ordinal)).Select(cookie => cookie.Value));

    [Fact]
    public async Task A_service_checks_with_another_under_its_own_provider_token_and_a_client_acts_only_for_its_body()
    {
        using var gateway = system.App.CreateHttpClient("gateway");
        gateway.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await system.TokenAsync(ProviderSystemFixture.BodySoftwareClient));
        // Veille asks sessions about the vote under veille's own credential from the provider; sessions knows no such vote.
        var validated = await gateway.PostAsJsonAsync(
            $"/api/veille/bodies/{ProviderSystemFixture.Body}/questions/{Guid.NewGuid()}/validation", new { voteId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, validated.StatusCode);
        Assert.Equal("unknown-vote", (await validated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var elsewhere = await gateway.PostAsJsonAsync(
            $"/api/veille/bodies/autre-conseil/questions/{Guid.NewGuid()}/validation", new { voteId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        gateway.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.PostAsJsonAsync(
            $"/api/veille/bodies/{ProviderSystemFixture.Body}/questions/{Guid.NewGuid()}/validation", new { voteId = Guid.NewGuid() }))
            .StatusCode);
    }
}
