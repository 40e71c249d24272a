using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Assemblee.AppHost.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assemblee.Benchmarks;

/// <summary>
/// The whole system started from the AppHost's model, as the system tests start it, ready once every resource is; shared
/// by the benchmarks (linked into each project).
/// </summary>
public sealed class RunningSystem(DistributedApplication app) : IAsyncDisposable
{
    public DistributedApplication App => app;

    /// <param name="configure">Changes to the model before it starts (a resource's environment, for example).</param>
    public static async Task<RunningSystem> StartAsync(Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>();
        // The programs' own logs would bury the figures (they remain in each program's console in the dashboard); health
        // checks fail as resources stop at the end.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        configure?.Invoke(builder);
        var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await app.WaitUntilReadyAsync(timeout.Token);
        return new RunningSystem(app);
    }

    /// <summary>A client of the gateway holding a development token of the body's secretariat.</summary>
    public async Task<HttpClient> SecretariatAsync(string bodyId)
    {
        var gateway = new HttpClient { BaseAddress = app.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromMinutes(30) };
        var request = new { subject = "benchmark", roles = new[] { "secretariat" }, bodies = new[] { bodyId } };
        var token = await gateway.PostAsJsonAsync("/dev/token", request);
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return gateway;
    }

    public async Task<string> SortitionDatabaseAsync() => (await app.GetConnectionStringAsync("sortitiondb"))!;

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
