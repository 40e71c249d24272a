using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Assemblee.ServiceDefaults.Status;
using Assemblee.Tests.Infrastructure;

namespace Assemblee.Tests.System;

/// <summary>What developers rely on from the AppHost while the system runs.</summary>
[Collection(SystemCollection.Name)]
public sealed class AppHostTests(SystemFixture system)
{
    private sealed record TokenResponse(string AccessToken, string TokenType);

    [Fact]
    public async Task A_crashed_service_is_restarted_and_serves_again()
    {
        var before = system.App.ResourceNotifications.Get("notifications");

        using (var process = Process.GetProcessById(before.ProcessIds.Single()))
        {
            process.Kill();
        }
        var after = await Eventually.ReturnsAsync(
            () => Task.FromResult(system.App.ResourceNotifications.Get("notifications")),
            s => s.Restarts == before.Restarts + 1 && s.State == KnownResourceStates.Running && s.IsHealthy,
            TimeSpan.FromSeconds(90), "notifications should be restarted");

        Assert.NotEqual(before.ProcessIds, after.ProcessIds);
        Assert.Contains(system.App.GetResourceLogs("notifications"), line => line.Text.Contains("restarting", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway().GetAsync("/api/notifications/status")).StatusCode);
    }

    [Fact]
    public async Task The_gateway_spreads_requests_over_every_replica_of_a_service()
    {
        var gateway = system.Gateway();

        var instances = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            instances.Add((await gateway.GetFromJsonAsync<ServiceStatusResponse>("/api/membership/status"))!.Instance);
        }

        Assert.Equal(SystemFixture.MembershipReplicas, system.App.ResourceNotifications.Get("membership").ProcessIds.Count);
        Assert.Equal(SystemFixture.MembershipReplicas, instances.Count);
    }

    [Theory]
    [MemberData(nameof(GatewayTests.Services), MemberType = typeof(GatewayTests))]
    public async Task Every_service_exports_traces_metrics_and_logs_over_OTLP(string service)
    {
        await system.Gateway().GetAsync($"/api/{service}/status");

        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(system.Telemetry.HasReceived(signal, service)), received => received,
                TimeSpan.FromSeconds(30), $"{service} should export {signal}");
        }
    }

    [Fact]
    public async Task A_development_token_from_the_gateway_grants_exactly_the_roles_asked_for()
    {
        var issued = await system.Gateway().PostAsJsonAsync("/dev/token", new { subject = "dev-admin", roles = new[] { "body-admin" }, bodies = Array.Empty<string>() });
        var token = (await issued.Content.ReadFromJsonAsync<TokenResponse>())!;
        var admin = system.Gateway();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);

        var registered = await admin.PostAsJsonAsync("/api/membership/bodies", new { id = BodyEventsTests.UniqueBodyId(), name = "Conseil", kind = "other" });
        var unknownRole = await system.Gateway().PostAsJsonAsync("/dev/token", new { subject = "x", roles = new[] { "mayor" }, bodies = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
    }
}
