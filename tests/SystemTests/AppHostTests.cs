using System.Net;
using System.Net.Http.Json;
using Assemblee.Common.Status;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.SystemTests;

/// <summary>What developers rely on from the AppHost while the system runs.</summary>
[Collection(SystemCollection.Name)]
public sealed class AppHostTests(SystemFixture system)
{
    private sealed record TokenResponse(string AccessToken, string TokenType);

    [Fact, DisruptsTheApplication]
    public async Task A_service_restarted_from_the_dashboard_comes_back_on_a_new_process_and_serves_again()
    {
        await system.App.RestartResourceAsync("notifications");

        Assert.Equal(HttpStatusCode.OK, (await system.Gateway().GetAsync("/api/notifications/status")).StatusCode);
    }

    [Fact]
    public async Task The_gateway_spreads_requests_over_every_replica_of_a_service()
    {
        // Callers arrive at once, as they do in use. The gateway sends them over HTTP/2 on several connections in turn, which
        // are spread over the replicas (by Aspire's proxy here, by the Kubernetes Service once deployed).
        var gateway = system.Gateway();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            gateway.GetFromJsonAsync<ServiceStatusResponse>("/api/membership/status")));

        Assert.Equal(SystemFixture.MembershipReplicas, answers.Select(answer => answer!.Instance).Distinct().Count());
    }

    [Fact]
    public async Task A_development_token_from_the_gateway_grants_exactly_the_roles_asked_for()
    {
        var issued = await system.Gateway().PostAsJsonAsync("/dev/token", new
        {
            subject = "dev-admin",
            roles = new[] { "body-admin" },
            bodies = Array.Empty<string>()
        });
        var token = (await issued.Content.ReadFromJsonAsync<TokenResponse>())!;
        var admin = system.Gateway();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);

        var registered = await admin.PostAsJsonAsync("/api/membership/bodies", new
        {
            id = BodyEventsTests.UniqueBodyId(),
            name = "Conseil",
            kind = "other"
        });
        var unknownRole = await system.Gateway().PostAsJsonAsync("/dev/token", new
        {
            subject = "x",
            roles = new[] { "mayor" },
            bodies = Array.Empty<string>()
        });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
    }
}
