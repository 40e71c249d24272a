using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Assemblee.Benchmarks.Gateway;

/// <summary>
/// Starts the whole system from the AppHost's model, then loads one small endpoint (a service's status: routing, a
/// database read) with wrk, directly, through the gateway at its own port, and through YARP alone (YarpBaseline: the
/// same proxy without the gateway's own work), with the same threads, connections and duration, runs alternating. The rate
/// limit is raised out of the way, but the gateway still counts every request in Redis, as it does in use. Prints requests
/// per second, latency percentiles and CPU per request, and each proxy's share of direct throughput, run by run and the
/// median of those shares.
/// </summary>
public static partial class GatewayBenchmark
{
    private const string Usage =
        "usage: Gateway.Benchmarks [--runs 3] [--duration 15] [--connections 32] [--threads 2] [--path /api/membership/status] "
        + "[--environment KEY=VALUE] [--gateway-environment KEY=VALUE]";

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.Error.WriteLine("wrk is required: apt-get install -y wrk");
            return 2;
        }
        var runs = int.Parse(Option("runs", "3"), CultureInfo.InvariantCulture);
        var duration = Option("duration", "15");
        var connections = Option("connections", "32");
        var threads = Option("threads", "2");
        var path = Option("path", "/api/membership/status");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, "
            + $"{Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0)} GiB, "
            + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

        // The gateway's own port, behind no Aspire proxy, as it is reached from the city's ingress; the service is reached through
        // Aspire's proxy either way, so that the gateway's path is the direct path with the gateway put in front of it.
        var gatewayPort = FreePort();
        var baselinePort = FreePort();
        var service = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];
        await using var system = await RunningSystem.StartAsync(builder =>
        {
            builder.CreateResourceBuilder<ProjectResource>("gateway").WithEnvironment("RateLimiting__PermitsPerMinute", "1000000000")
                .WithEndpoint("http", endpoint => endpoint.TargetPort = gatewayPort);
            // YARP alone, at its own port too, forwarding every path to the same service: what YARP costs without the gateway's work.
            builder.AddProject("yarp-baseline", Path.Combine(builder.AppHostDirectory, "../benchmarks/YarpBaseline/YarpBaseline.csproj"))
                .WithHttpEndpoint(port: baselinePort, isProxied: false)
                .WithEnvironment("ReverseProxy__Routes__all__ClusterId", service)
                .WithEnvironment("ReverseProxy__Routes__all__Match__Path", "{**path}")
                .WithEnvironment($"ReverseProxy__Clusters__{service}__Destinations__only__Address",
                    builder.CreateResourceBuilder<ProjectResource>(service).GetEndpoint("grpc"))
                // As the gateway forwards: HTTP/2 to the service's endpoint that speaks nothing else (ServiceRoutes).
                .WithEnvironment($"ReverseProxy__Clusters__{service}__HttpRequest__Version", "2")
                .WithEnvironment($"ReverseProxy__Clusters__{service}__HttpRequest__VersionPolicy", "RequestVersionExact")
                // YARP logs every request at Information; the gateway keeps its lines to warnings (ServiceDefaults).
                .WithEnvironment("Logging__LogLevel__Default", "Warning");
            // --environment KEY=VALUE (repeatable): set on the gateway and every service, e.g. OTEL_SDK_DISABLED=true to weigh tracing;
            // --gateway-environment KEY=VALUE on the gateway alone, e.g. DOTNET_gcServer=0.
            IEnumerable<string[]> Settings(string option) =>
                args.Select((arg, i) => (arg, i)).Where(a => a.arg == option).Select(a => args[a.i + 1].Split('=', 2));
            foreach (var setting in Settings("--environment"))
            {
                foreach (var project in builder.Resources.OfType<ProjectResource>())
                {
                    builder.CreateResourceBuilder(project).WithEnvironment(setting[0], setting[1]);
                }
            }
            foreach (var setting in Settings("--gateway-environment"))
            {
                builder.CreateResourceBuilder<ProjectResource>("gateway").WithEnvironment(setting[0], setting[1]);
            }
        });
        var app = system.App;
        var targets = new (string Name, Uri Url)[]
        {
            ("direct", new Uri(app.GetEndpoint(service, "http"), path)),
            ("gateway", new Uri($"http://localhost:{gatewayPort}{path}")),
            ("baseline", new Uri($"http://localhost:{baselinePort}{path}")),
        };
        Console.WriteLine($"endpoint {path}");
        // Warm-up as long as a run: the JIT, connection pools, and the other services' own start (their first minute's work
        // was seen to halve the first run of direct).
        foreach (var (_, url) in targets)
        {
            await WrkAsync(threads, connections, duration, url);
        }
        // Under load the machine is CPU-bound and p50 is mostly queueing (Little's law: connections / throughput), so the
        // added latency of the hop itself is measured apart, with one connection and nothing queued.
        var loaded = await MeasureAsync(targets, runs, threads, connections, duration);
        var unloaded = await MeasureAsync(targets, runs, "1", "1", duration);
        foreach (var (proxy, what) in new[] { ("gateway", "the gateway"), ("baseline", "YARP alone") })
        {
            // Each run's share against the direct run beside it: the machine's speed drifts by a quarter over minutes (every
            // program at once, PostgreSQL and Aspire's proxy too), which a ratio of medians taken minutes apart would carry.
            var shares = loaded[proxy].Zip(loaded["direct"], (run, direct) => 100 * run.RequestsPerSecond / direct.RequestsPerSecond)
                .ToList();
            var (loadedProxy, loadedDirect) = (Median(loaded[proxy]), Median(loaded["direct"]));
            var (unloadedProxy, unloadedDirect) = (Median(unloaded[proxy]), Median(unloaded["direct"]));
            Console.WriteLine($"under load ({connections} connections), {what} keeps {Middle(shares):F1} % of direct throughput "
                + $"(runs: {string.Join(", ", shares.Select(share => $"{share:F1}"))}) "
                + $"and adds {loadedProxy.P50Ms - loadedDirect.P50Ms:F2} ms at p50");
            Console.WriteLine($"one connection, {what} adds {unloadedProxy.P50Ms - unloadedDirect.P50Ms:F2} ms "
                + $"at p50, {unloadedProxy.P99Ms - unloadedDirect.P99Ms:F2} ms at p99");
        }
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs wrk against each target in turn, <paramref name="runs"/> times, every other run in the reverse order so that a
    /// steady drift of the machine's speed favours no target; prints each run and the medians, returns the runs.
    /// </summary>
    private static async Task<Dictionary<string, List<WrkResult>>> MeasureAsync(
        (string Name, Uri Url)[] targets, int runs, string threads, string connections, string duration)
    {
        Console.WriteLine($"wrk -t{threads} -c{connections} -d{duration}s --latency, {runs} runs each, alternating");
        var results = targets.ToDictionary(target => target.Name, _ => new List<WrkResult>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, url) in run % 2 == 0 ? targets : Enumerable.Reverse(targets))
            {
                var before = CpuByProcess();
                var result = await WrkAsync(threads, connections, duration, url);
                var cpu = CpuByProcess();
                results[name].Add(result);
                var requests = result.RequestsPerSecond * double.Parse(duration, CultureInfo.InvariantCulture);
                var perRequest = cpu.Select(p => (p.Key, Micros: (p.Value - before.GetValueOrDefault(p.Key)) * 1e6 / requests))
                    .Where(p => p.Micros >= 5).OrderByDescending(p => p.Micros).Select(p => $"{p.Key} {p.Micros:F0}");
                Console.WriteLine($"  run {run + 1} {name,-8} {result.RequestsPerSecond,10:N0} req/s   p50 {result.P50Ms,6:F2} ms   "
                    + $"p99 {result.P99Ms,6:F2} ms   errors {result.Errors}");
                Console.WriteLine($"           CPU µs per request: {string.Join(", ", perRequest)}");
            }
        }
        foreach (var (name, runResults) in results)
        {
            var median = Median(runResults);
            Console.WriteLine(
                $"median   {name,-8} {median.RequestsPerSecond:N0} req/s, p50 {median.P50Ms:F2} ms, p99 {median.P99Ms:F2} ms");
        }
        return results;
    }

    /// <summary>CPU seconds used so far by each program (all its processes), from /proc.</summary>
    private static Dictionary<string, double> CpuByProcess()
    {
        var ticks = 100.0; // USER_HZ on Linux
        var totals = new Dictionary<string, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => char.IsDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12],
                    CultureInfo.InvariantCulture)) / ticks;
                totals[name] = totals.GetValueOrDefault(name) + seconds;
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }
        return totals;
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors);

    private static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static WrkResult Median(List<WrkResult> results) =>
        new(Middle(results.Select(r => r.RequestsPerSecond)), Middle(results.Select(r => r.P50Ms)),
            Middle(results.Select(r => r.P99Ms)), results.Sum(r => r.Errors));

    private static async Task<WrkResult> WrkAsync(string threads, string connections, string duration, Uri url)
    {
        var info = new ProcessStartInfo("/usr/bin/wrk", ["-t", threads, "-c", connections, "-d", $"{duration}s", "--latency",
            url.ToString()])
        {
            RedirectStandardOutput = true,
        };
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var errors = ErrorCounts().Matches(output).Sum(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        var non2xx = Non2xx().Match(output);
        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(Percentile("50").Match(output)),
            Milliseconds(Percentile("99").Match(output)),
            errors + (non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0));
    }

    private static Regex Percentile(string percent) => new($@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);

    private static double Milliseconds(Match match)
    {
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex ErrorCounts();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();
}
