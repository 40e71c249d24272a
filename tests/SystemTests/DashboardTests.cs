using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Assemblee.SystemTests.Infrastructure;
using Xunit.Abstractions;

namespace Assemblee.SystemTests;

/// <summary>
/// The AppHost as a developer runs it (./run.sh): what they see in the Aspire dashboard, read through its telemetry API, and
/// nothing left running after Ctrl+C.
/// </summary>
[Collection(DashboardCollection.Name)]
[TestCaseOrderer(RunsLastOrderer.Name, RunsLastOrderer.Assembly)]
public sealed class DashboardTests(DashboardTests.AppHostFixture appHost, ITestOutputHelper output)
    : IClassFixture<DashboardTests.AppHostFixture>
{
    private static readonly string[] Services = ["sortition", "membership", "sessions", "documents", "notifications", "veille"];

    private static readonly string[] Resources = ["gateway", "web", .. Services];

    [Fact]
    public async Task Every_service_and_the_gateway_send_traces_metrics_and_logs_to_the_dashboard()
    {
        foreach (var service in Services)
        {
            await appHost.Running.Gateway.GetAsync($"/api/{service}/status");
        }
        await appHost.Running.Gateway.GetAsync("/");

        var resources = await Eventually.ReturnsAsync(TelemetryResourcesAsync,
            found => Resources.All(name => found.TryGetValue(name, out var signals) && signals.All(signal => signal)),
            TimeSpan.FromSeconds(60), "every resource should have sent logs, traces and metrics");

        Assert.Equal(Resources.Order(), resources.Keys.Intersect(Resources).Order());
    }

    [Fact]
    public async Task Once_the_AppHost_says_all_resources_started_the_gateway_serves_every_service()
    {
        // The fixture returns as soon as the AppHost prints "All resources started": no 502 while services warm up.
        var statuses = await Task.WhenAll(Services.Select(service => appHost.Running.Gateway.GetAsync($"/api/{service}/status")));
        var portal = await appHost.Running.Gateway.GetAsync("/");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status.StatusCode));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains("Assemblée citoyenne de Paris", await portal.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_are_traced_not_logged_at_Information()
    {
        for (var i = 0; i < 20; i++)
        {
            await appHost.Running.Gateway.GetAsync("/api/membership/status");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));

        using var document = JsonDocument.Parse(await appHost.Running.Dashboard.GetStringAsync("/api/telemetry/logs"));
        var noisy = (from resourceLogs in document.RootElement.GetProperty("data").GetProperty("resourceLogs").EnumerateArray()
                     from scopeLogs in resourceLogs.GetProperty("scopeLogs").EnumerateArray()
                     let scope = scopeLogs.GetProperty("scope").GetProperty("name").GetString()!
                     from record in scopeLogs.GetProperty("logRecords").EnumerateArray()
                     where record.GetProperty("severityNumber").GetInt32() < 13 // below Warning
                     where scope.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || scope.StartsWith("Yarp",
                         StringComparison.Ordinal)
                         || scope.StartsWith("System.Net.Http", StringComparison.Ordinal) || scope.StartsWith("Npgsql",
                             StringComparison.Ordinal)
                         || scope.StartsWith("Grpc", StringComparison.Ordinal)
                     select scope).Distinct().ToList();
        Assert.Empty(noisy);
    }

    [Fact]
    public async Task One_trace_follows_a_request_from_the_gateway_through_membership_RabbitMQ_and_sortition()
    {
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var bodyId = "traced-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/membership/bodies")
        {
            Content = JsonContent.Create(new { id = bodyId, name = "Conseil tracé", kind = "other" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await DevelopmentTokenAsync());
        var callerSpanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");

        var registered = await appHost.Running.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        // Each service exports in batches: the trace is complete once every part has arrived.
        var spans = await Eventually.ReturnsAsync(() => SpansAsync(traceId), found => Expected.All(found.Exists),
            TimeSpan.FromSeconds(60), "the trace should hold the gateway, membership, its database, RabbitMQ and sortition");

        Assert.All(Expected, part => Assert.Contains(spans, span => part(span)));
        // One tree, not parts sharing an id: the gateway's span hangs under the caller's, membership's under one of the gateway's.
        var gateway = Assert.Single(spans, span => span is { Resource: "gateway", Scope: "Microsoft.AspNetCore" });
        var membership = Assert.Single(spans, span => span is { Resource: "membership", Scope: "Microsoft.AspNetCore" });
        Assert.Equal(callerSpanId, gateway.ParentSpanId);
        Assert.Contains(spans, span => span.Resource == "gateway" && span.SpanId == membership.ParentSpanId);
    }

    [Fact, RunsLast]
    public async Task Ctrl_C_stops_every_process_the_AppHost_started()
    {
        var started = appHost.Running.ProcessesStarted();
        Assert.True(started.Count >= 10, $"expected the servers and services running, found {started.Count} processes");

        var signalled = Stopwatch.StartNew();
        await appHost.Running.SignalAsync("INT");
        try
        {
            await appHost.Running.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The AppHost did not stop within 2 minutes of SIGINT; it last wrote:\n{appHost.Running.Output}");
        }
        output.WriteLine($"The AppHost stopped {signalled.Elapsed.TotalSeconds:F1} s after SIGINT");

        // Aspire's orchestrator then sends SIGTERM to each `dotnet run` it started, which passes it to its service and waits
        // for it. A service drains and exits on its own (4 to 9 s after SIGINT here). One that does not is given up: the
        // orchestrator kills its `dotnet run` 6 s after the SIGTERM, and the service, left without it, 6 s later. That is
        // what a service flushing telemetry to the dashboard the AppHost had just stopped used to come to.
        var runs = started.Where(process => process.Name == "dotnet").ToList();
        var services = started.Where(process => runs.Any(run => run.Pid == process.Parent)).ToList();
        Assert.True(services.Count >= 8, $"expected the services, the gateway and the web application: {string.Join(", ", services)}");
        var givenUp = new HashSet<StartedProcess>();
        await Eventually.ReturnsAsync(() =>
        {
            var alive = services.Where(service => service.IsAlive()).ToList();
            givenUp.UnionWith(alive.Where(service => !runs.Single(run => run.Pid == service.Parent).IsAlive()));
            return Task.FromResult(string.Join(", ", alive));
        }, alive => alive.Length == 0, TimeSpan.FromSeconds(45), "every service should stop");
        output.WriteLine($"Every service had stopped {signalled.Elapsed.TotalSeconds:F1} s after SIGINT");
        Assert.True(givenUp.Count == 0, $"the orchestrator gave up on {string.Join(", ", givenUp)}: each should exit on SIGTERM");

        // The orchestrator stops itself last: about 15 s after SIGINT on an idle machine, longer on a loaded one.
        await Eventually.ReturnsAsync(() => Task.FromResult(string.Join(", ", started.Where(process => process.IsAlive()))),
            alive => alive.Length == 0, TimeSpan.FromSeconds(45), "every process the AppHost started should stop");
        output.WriteLine($"Every process it started had stopped {signalled.Elapsed.TotalSeconds:F1} s after SIGINT");
    }

    private static readonly Predicate<Span>[] Expected =
    [
        span => span is { Resource: "gateway", Scope: "Microsoft.AspNetCore" },
        span => span is { Resource: "membership", Scope: "Microsoft.AspNetCore" },
        span => span is { Resource: "membership", Scope: "Npgsql" },
        span => span is { Resource: "membership", Scope: "MassTransit" } && span.Name.EndsWith(" send", StringComparison.Ordinal),
        span => span is { Resource: "sortition", Scope: "MassTransit" } && span.Name.EndsWith(" process", StringComparison.Ordinal),
        span => span is { Resource: "sortition", Scope: "Npgsql" },
    ];

    private sealed record Span(string Resource, string Scope, string Name, string SpanId, string? ParentSpanId);

    private async Task<List<Span>> SpansAsync(string traceId)
    {
        var response = await appHost.Running.Dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return
        [
            .. from resourceSpans in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
               let resource = ServiceName(resourceSpans.GetProperty("resource"))
               from scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray()
               let scope = scopeSpans.GetProperty("scope").GetProperty("name").GetString()!
               from span in scopeSpans.GetProperty("spans").EnumerateArray()
               where span.GetProperty("traceId").GetString() == traceId
                  select new Span(resource, scope, span.GetProperty("name").GetString()!, span.GetProperty("spanId").GetString()!,
                      span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null),
        ];
    }

    private static string ServiceName(JsonElement resource) => resource.GetProperty("attributes").EnumerateArray()
        .First(attribute => attribute.GetProperty("key").GetString() == "service.name")
        .GetProperty("value").GetProperty("stringValue").GetString()!;

    /// <summary>Each resource the dashboard knows, with whether it has logs, traces and metrics.</summary>
    private async Task<Dictionary<string, bool[]>> TelemetryResourcesAsync()
    {
        using var document = JsonDocument.Parse(await appHost.Running.Dashboard.GetStringAsync("/api/telemetry/resources"));
        return document.RootElement.EnumerateArray().ToDictionary(
            resource => resource.GetProperty("name").GetString()!,
            resource => new[] { "hasLogs", "hasTraces", "hasMetrics" }.Select(signal =>
                resource.GetProperty(signal).GetBoolean()).ToArray());
    }

    private async Task<string> DevelopmentTokenAsync()
    {
        var issued = await appHost.Running.Gateway.PostAsJsonAsync("/dev/token", new
        {
            subject = "dashboard-test",
            roles = new[] { "body-admin" },
            bodies = Array.Empty<string>()
        });
        using var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        return token.RootElement.GetProperty("accessToken").GetString()!;
    }

    public sealed class AppHostFixture : IAsyncLifetime
    {
        public RunningAppHost Running { get; private set; } = null!;

        public async Task InitializeAsync() => Running = await RunningAppHost.StartAsync();

        public async Task DisposeAsync() => await Running.DisposeAsync();
    }
}

/// <summary>
/// The dashboard's tests start an application of their own, which takes both cores for a minute, and time its stopping: they
/// run after the collections that run side by side, on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection
{
    public const string Name = "dashboard";
}
