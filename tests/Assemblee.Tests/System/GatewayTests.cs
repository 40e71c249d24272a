using System.Net;
using System.Net.Http.Json;
using Assemblee.ServiceDefaults.Status;

namespace Assemblee.Tests.System;

[Collection(SystemCollection.Name)]
public sealed class GatewayTests(SystemFixture system)
{
    public static TheoryData<string> Services => [.. SystemFixture.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_answers_through_the_gateway_with_its_migrated_database(string service)
    {
        var status = await system.Gateway().GetFromJsonAsync<ServiceStatusResponse>($"/api/{service}/status");

        Assert.Equal(service, status!.Service);
        Assert.True(await DatabaseHasMigrationsTable(service), $"{service}db was not migrated");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_publishes_its_OpenAPI_document_through_the_gateway(string service)
    {
        using var document = await system.Gateway().GetFromJsonAsync<global::System.Text.Json.JsonDocument>($"/openapi/{service}.json");

        Assert.True(document!.RootElement.GetProperty("paths").TryGetProperty($"/api/{service}/status", out _));
    }

    [Fact]
    public async Task The_documentation_page_lists_every_service()
    {
        var page = await system.Gateway().GetStringAsync("/openapi/index.html");
        var configuration = await system.Gateway().GetStringAsync("/openapi/index.js");

        Assert.Contains("swagger", page, StringComparison.OrdinalIgnoreCase);
        Assert.All(SystemFixture.Services, service => Assert.Contains($"/openapi/{service}.json", configuration));
    }

    [Fact]
    public async Task An_unknown_path_gets_404_and_the_health_endpoints_answer()
    {
        var gateway = system.Gateway();

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/api/unknown/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused_at_the_edge_with_problem_details()
    {
        var gateway = system.Gateway();
        gateway.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokensForgedWithAnotherKey());

        var response = await gateway.GetAsync("/api/sortition/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_client_over_its_quota_gets_429_with_Retry_After_while_others_are_served()
    {
        var greedy = system.Gateway("rate-limit-test-greedy", ["member"], ["paris-assembly"]);
        HttpResponseMessage? refused = null;
        for (var i = 0; i <= SystemFixture.GatewayPermitsPerMinute + 1 && refused is null; i++)
        {
            var response = await greedy.GetAsync("/api/sessions/status");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway("rate-limit-test-other", ["member"], ["paris-assembly"]).GetAsync("/api/sessions/status")).StatusCode);
    }

    [Fact]
    public async Task Cross_origin_requests_from_unlisted_origins_get_no_CORS_grant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/membership/bodies");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await system.Gateway().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string DevelopmentTokensForgedWithAnotherKey() =>
        Assemblee.ServiceDefaults.Authentication.DevelopmentTokens.Create(new string('x', 48), "mallory", ["body-admin"], []);

    private async Task<bool> DatabaseHasMigrationsTable(string service)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await system.ConnectionStringAsync($"{service}db"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE version LIKE 'platform/%'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
