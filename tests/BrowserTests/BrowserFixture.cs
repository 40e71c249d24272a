namespace Assemblee.BrowserTests;

/// <summary>
/// Debian's Chromium headless shell driven by Playwright, started once for the collection beside the whole system: the same
/// Chromium (Blink, V8, the same version as Debian's browser) built without the browser's windows, which is what Playwright itself
/// runs headless. Measured over a whole run of these tests: Chromium took 43 % of the machine's CPU as Debian's browser and 31 %
/// as the shell, and the project took 478 and 498 s with the browser, 448 s with the shell. Playwright's own browser download is
/// not used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium-headless-shell";

    /// <summary>ASP.NET Core's culture cookie, which the language link sets.</summary>
    private const string CultureCookie = ".AspNetCore.Culture";

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    /// <summary>The narrowest phone the application is made for.</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    /// <summary>Without the background-networking flags Chromium keeps calling Google's hosts, which a closed network refuses.</summary>
    private static readonly string[] Switches = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: test artefacts, never committed (artifacts/ is ignored).</summary>
    public static string Screenshots { get; } = Path.Combine(Paths.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = Switches });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// A fresh visitor (no cookie, no language chosen) on the gateway, the public's only entrance; by default a Parisian browser,
    /// which asks for French.
    /// </summary>
    public async Task<IPage> VisitorAsync(SystemFixture system, string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = system.App.GetEndpoint("gateway", "http").ToString(),
            ViewportSize = Desktop,
            Locale = locale,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Checks the page as it stands with axe-core (no serious or critical violation of WCAG 2.1 A and AA), and the same address
    /// in the other language, opened beside it in the same session so that the page under test keeps its state. Both run at
    /// once, each in its own tab.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var language = await page.GetAttributeAsync("html", "lang");
        var other = language == "fr" ? "en" : "fr";
        // The site's root, so that the cookie is the one the language link sets (this host, path /) and replaces it.
        var site = new Uri(page.Url).GetLeftPart(UriPartial.Authority) + "/";
        var chosen = (await page.Context.CookiesAsync([site])).FirstOrDefault(cookie => cookie.Name == CultureCookie);
        await page.Context.AddCookiesAsync([new Cookie { Name = CultureCookie, Value = $"c={other}|uic={other}", Url = site }]);
        var beside = await page.Context.NewPageAsync();
        try
        {
            await beside.GotoAsync(page.Url);
        }
        finally
        {
            await page.Context.ClearCookiesAsync(new() { Name = CultureCookie });
            if (chosen is not null)
            {
                await page.Context.AddCookiesAsync([new Cookie { Name = CultureCookie, Value = chosen.Value, Url = site }]);
            }
        }
        try
        {
            // Waited for, not read once: CI once read no lang at all, the page beside still on its way.
            await Assertions.Expect(beside.Locator("html")).ToHaveAttributeAsync("lang", other);
            await Task.WhenAll(Accessibility.AssertNoBlockingViolationsAsync(page), Accessibility.AssertNoBlockingViolationsAsync(beside));
        }
        finally
        {
            await beside.CloseAsync();
        }
    }

    /// <summary>A fresh visitor signed in as the development sign-in page allows, then sent on to <paramref name="returnUrl"/>.</summary>
    public async Task<IPage> SignedInAsync(SystemFixture system, string role, string body, string subject, string? returnUrl = null)
    {
        var page = await VisitorAsync(system);
        await page.GotoAsync(returnUrl is null ? "/connexion" : $"/connexion?ReturnUrl={returnUrl}");
        await SignInAsync(page, role, body, subject);
        return page;
    }

    /// <summary>
    /// A department of the executive, signed in, opens a text it co-writes from its space, as it would find it (in French).
    /// </summary>
    public async Task<IPage> CoAuthorOpensAsync(SystemFixture system, string body, string department, string title)
    {
        var page = await SignedInAsync(system, "Exécutif", body, department);
        await page.GetByRole(AriaRole.Link, new() { Name = "Espace de l'exécutif" }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Textes que vous co-écrivez" })
            .GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        return page;
    }

    /// <summary>The development sign-in page: a role, a body and who, as a newcomer would fill it in (in French).</summary>
    public static async Task SignInAsync(IPage page, string role, string body, string subject)
    {
        await page.GetByLabel("Rôle").SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByLabel("Identifiant de l'instance").FillAsync(body);
        await page.GetByLabel("Identifiant de la personne").FillAsync(subject);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    /// <summary>The page at desktop and at phone width, full length, under artifacts/screenshots/.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        foreach (var (width, viewport) in new[] { ("desktop", Desktop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            var path = Path.Combine(Screenshots, $"{name}-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        }
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSystemFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
