using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Assemblee.AppHost.Extensions;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.SystemTests.Infrastructure;
using Npgsql;

namespace Assemblee.SystemTests;

/// <summary>
/// The whole application, from the AppHost's own model, started once for the test assembly: the collections that run side by
/// side (<see cref="SystemCollection"/>, <see cref="NotificationsCollection"/>) each get a fixture, and share one application.
/// </summary>
public class SystemFixture : IAsyncLifetime
{
    /// <summary>The gateway's quota in the system tests: small, so that a test passes it cheaply.</summary>
    public const int GatewayPermitsPerMinute = 150;

    private readonly int _gatewayPermitsPerMinute;

    public SystemFixture() : this(GatewayPermitsPerMinute)
    {
    }

    /// <summary>The application with another gateway quota per client and minute.</summary>
    protected SystemFixture(int gatewayPermitsPerMinute) => _gatewayPermitsPerMinute = gatewayPermitsPerMinute;

    public const int MembershipReplicas = 2;

    public static readonly IReadOnlyList<string> Services = ["sortition", "membership", "sessions", "documents", "notifications", "veille"];

    /// <summary>
    /// The applications started, by gateway quota, with how many fixtures use each. xunit 2 has no assembly fixture (xunit 3
    /// has, but moving the system and browser tests to it is a larger change): the first fixture starts the application and
    /// the last one to be disposed stops it. The collections that share it start together, so it is never started twice.
    /// </summary>
    private static readonly Dictionary<int, (Task<Started> Start, int Fixtures)> Shared = [];

    private sealed record Started(DistributedApplication App, string SigningKey, string AgendaDropFile, ResourceLogs Logs);

    private Started _started = null!;

    public DistributedApplication App => _started.App;

    public async Task InitializeAsync()
    {
        Task<Started> start;
        lock (Shared)
        {
            start = Shared.TryGetValue(_gatewayPermitsPerMinute, out var shared) ? shared.Start : StartAsync();
            Shared[_gatewayPermitsPerMinute] = (start, shared.Fixtures + 1);
        }
        _started = await start;
    }

    public async Task DisposeAsync()
    {
        Task<Started> start;
        lock (Shared)
        {
            var (shared, fixtures) = Shared[_gatewayPermitsPerMinute];
            if (fixtures > 1)
            {
                Shared[_gatewayPermitsPerMinute] = (shared, fixtures - 1);
                return;
            }
            Shared.Remove(_gatewayPermitsPerMinute);
            start = shared;
        }
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.Logs.DisposeAsync();
            await start.Result.App.DisposeAsync();
            File.Delete(start.Result.AgendaDropFile);
        }
    }

    private async Task<Started> StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(timeout.Token);
        // Membership's routes accept 1 MiB at the gateway (30 MB by default), so that a test can pass the limit cheaply.
        // The gateway's HTTP endpoint without Aspire's local proxy in front, on a port of the run's own: it sees each caller's
        // own address, as behind the city's ingress, so that a test calling from another loopback address has a quota of its own.
        var gatewayPort = RunningAppHost.FreePort();
        builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEndpoint("http", endpoint => (endpoint.IsProxied, endpoint.Port, endpoint.TargetPort) = (false, gatewayPort, gatewayPort))
            .WithEnvironment("RateLimiting__PermitsPerMinute", _gatewayPermitsPerMinute.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Gateway__Services__membership__MaxRequestBodySize",
                GatewayMembershipMaxBytes.ToString(CultureInfo.InvariantCulture))
            // Aspire's proxy places each connection on a replica at random (24 new connections came in runs of up to seven on one
            // of two). With the README's four a replica, every connection lands on one replica once in 128 times until they are
            // replaced, within a minute; with eight, once in 32768, so that the test of the spread does not fail by chance.
            .WithEnvironment("Gateway__ConnectionsPerService", (8 * MembershipReplicas).ToString(CultureInfo.InvariantCulture));
        // Erasure on schedule, checked every two seconds instead of hourly; a list limit of 16 MiB (512 MiB by default)
        // lets a test pass it without sending half a gigabyte.
        builder.CreateResourceBuilder<ProjectResource>("sortition").WithEnvironment("Retention__IntervalSeconds", "2")
            .WithEnvironment("Sortition__MaxListBytes", MaxListBytes.ToString(CultureInfo.InvariantCulture));
        // Two membership replicas: they migrate one database at once, share the outbox and compete for consumed events.
        builder.CreateResourceBuilder<ProjectResource>("membership").WithReplicas(MembershipReplicas)
            .WithEnvironment("Retention__IntervalSeconds", "2");
        // Attachments of at most 1 MiB (20 MiB by default), so that a test passes the limit cheaply.
        builder.CreateResourceBuilder<ProjectResource>("documents")
            .WithEnvironment("Documents__MaxAttachmentBytes", MaxAttachmentBytes.ToString(CultureInfo.InvariantCulture));
        // The body whose secretariat keeps the Council's agenda, and a file the scheduled import reads every two seconds.
        var agendaDropFile = Path.Combine(Path.GetTempPath(), $"assemblee-agenda-{Guid.NewGuid():N}.json");
        builder.CreateResourceBuilder<ProjectResource>("veille").WithEnvironment("Veille__AgendaKeepers__0", VeilleAgendaKeeper)
            .WithEnvironment("Veille__Agenda__Source", agendaDropFile).WithEnvironment("Veille__Agenda__Interval", "00:00:02")
            .WithEnvironment("Retention__IntervalSeconds", "2");
        // A message the mail server could not take is tried again after 1, 2, 4… seconds instead of 30, 60, 120…, and a
        // silent server is given up after 5 seconds instead of 30.
        builder.CreateResourceBuilder<ProjectResource>("notifications").WithEnvironment("Notifications__Mail__FirstRetrySeconds", "1")
            .WithEnvironment("Notifications__Mail__TimeoutSeconds", "5")
            .WithEnvironment("Notifications__Retention__ContentDays", NotificationContentDays.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Retention__IntervalSeconds", "2");
        // The testing host runs no dashboard, yet points the services at its OTLP address, where nothing listens: every export,
        // each second, would fail and be tried again.
        foreach (var project in Services.Append("gateway").Append("web"))
        {
            builder.CreateResourceBuilder<ProjectResource>(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }
        var signingKey = await builder.CreateResourceBuilder<ParameterResource>("jwt-signing-key").Resource.GetValueAsync(timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        var logs = new ResourceLogs(app, Services.Append("gateway").Append("web"));
        try
        {
            await app.StartAsync(timeout.Token);
            await app.WaitUntilReadyAsync(timeout.Token);
        }
        catch
        {
            // No fixture gets an application that did not start: what it did start is stopped here.
            await logs.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        return new Started(app, signingKey!, agendaDropFile, logs);
    }

    public HttpClient Gateway(string? subject = null, string[]? roles = null, string[]? bodies = null)
    {
        var client = App.CreateHttpClient("gateway");
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(subject, roles ?? [], bodies ?? []));
        }
        return client;
    }

    /// <summary>
    /// The gateway called from another loopback address than the other tests' (Linux answers on all of 127.0.0.0/8): an
    /// anonymous caller with a rate-limit quota of its own.
    /// </summary>
    public HttpClient GatewayFrom(IPAddress source)
    {
        var gateway = App.GetEndpoint("gateway", "http");
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = gateway };
    }

    /// <summary>A service called directly, not through the gateway, for tests that make many calls.</summary>
    public HttpClient Service(string name, string subject, string[] roles, string[] bodies)
    {
        var client = App.CreateHttpClient(name);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(subject, roles, bodies));
        return client;
    }

    public const long MaxListBytes = 16 * 1024 * 1024;

    /// <summary>A sent message's content is erased after about 17 seconds instead of 90 days.</summary>
    public const double NotificationContentDays = 0.0002;

    public const long GatewayMembershipMaxBytes = 1024 * 1024;

    public const long MaxAttachmentBytes = 1024 * 1024;

    public const string VeilleAgendaKeeper = "veille-agenda-keeper";

    /// <summary>Where veille's scheduled import looks for the Council's agenda in this run.</summary>
    public string AgendaDropFile => _started.AgendaDropFile;

    /// <summary>The AppHost's generated key, which signs the development tokens of this run.</summary>
    public string SigningKey => _started.SigningKey;

    public string Token(string subject, string[] roles, string[] bodies) => DevelopmentTokens.Create(SigningKey, subject, roles, bodies);

    public async Task<string> ConnectionStringAsync(string database) => (await App.GetConnectionStringAsync(database))!;

    /// <summary>Reads one value straight from a service's database ($1, $2… bound to <paramref name="parameters"/>).</summary>
    public async Task<T> ScalarAsync<T>(string database, string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(await ConnectionStringAsync(database));
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    /// <summary>Changes a service's database directly, standing in for time passing or a broker redelivering.</summary>
    public async Task ExecuteAsync(string database, string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(await ConnectionStringAsync(database));
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Most system tests: one of the two collections that run side by side on the shared application.</summary>
[CollectionDefinition(Name)]
[SharesTheApplication]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}

/// <summary>
/// The tests that mostly wait for what notifications sends (a campaign's next tick, a retry, a reminder falling due, an e-mail
/// reaching the mail server): notifications' own and veille's alerts. They run beside <see cref="SystemCollection"/> on the
/// same application, where their waits cost the suite no time; the two take about as long (134 and 138 s of tests, run one
/// after the other, besides those that run alone).
/// </summary>
[CollectionDefinition(Name)]
[SharesTheApplication]
public sealed class NotificationsCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "notifications";
}
