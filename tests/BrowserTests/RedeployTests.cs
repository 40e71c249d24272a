using StackExchange.Redis;

namespace Assemblee.BrowserTests;

/// <summary>What the people using the site see when the web application is restarted, as a new version is deployed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RedeployTests(BrowserSystemFixture system, BrowserFixture browser)
{
    [Fact]
    public async Task A_restart_of_the_web_application_keeps_the_secretariat_signed_in_and_its_open_form_valid()
    {
        var scenario = await new PortalScenario(system).DrawnAsync("browser-redeploy");
        var session = await scenario.PlannedSessionAsync(DateTimeOffset.UtcNow.AddDays(7));
        var page = await browser.SignedInAsync(system, "Secrétariat", scenario.Body, "secretary-1",
            $"/{scenario.Body}/secretariat/seances/{session}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Convoquer les membres" })).ToBeVisibleAsync();

        // On one machine the keys' default place (the home directory) would outlive a restart too; a Kubernetes pod has a file
        // system of its own that dies with it, so the key ring is where every replica reads it: Redis.
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("cache"))!);
        Assert.True(await redis.GetDatabase().ListLengthAsync("assemblee:web:data-protection-keys") > 0);
        await system.App.RestartResourceAsync("web");

        // The form the page showed before the restart is sent with its antiforgery token and the sign-in cookie of then.
        await page.GetByRole(AriaRole.Button, new() { Name = "Convoquer les membres" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Les membres sont convoqués.");
        await page.GotoAsync($"/{scenario.Body}/secretariat");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Console du secrétariat");
    }
}
