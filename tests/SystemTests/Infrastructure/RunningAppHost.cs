using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>
/// The built AppHost started as ./run.sh starts it (Development, dashboard over plain HTTP without login), on free
/// ports so that it never meets the system fixture's application or a developer's run.
/// </summary>
public sealed class RunningAppHost : IAsyncDisposable
{
    private RunningAppHost(Process process, string dashboard, string gateway)
    {
        Process = process;
        Dashboard = new HttpClient { BaseAddress = new Uri(dashboard) };
        Gateway = new HttpClient { BaseAddress = new Uri(gateway) };
    }

    public Process Process { get; }

    /// <summary>The Aspire dashboard, whose telemetry API (/api/telemetry/…) serves what the services exported.</summary>
    public HttpClient Dashboard { get; }

    public HttpClient Gateway { get; }

    public ConcurrentQueueOfLines Output { get; } = new();

    public static async Task<RunningAppHost> StartAsync()
    {
        var dashboard = $"http://127.0.0.1:{FreePort()}";
        var gatewayPort = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Paths.Root, "artifacts", "bin", "AppHost", "debug", "AppHost.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = dashboard;
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        info.Environment["Gateway__HttpPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Gateway__GrpcPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(info)!;
        var appHost = new RunningAppHost(process, dashboard, $"http://127.0.0.1:{gatewayPort}");
        var started = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            appHost.Output.Add(e.Data);
            if (e.Data.Contains("All resources started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => appHost.Output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException)
        {
            await appHost.DisposeAsync();
            throw new TimeoutException("The AppHost did not report 'All resources started':\n" + appHost.Output);
        }
        return appHost;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            await SignalAsync("TERM");
            await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        Process.Dispose();
        Dashboard.Dispose();
        Gateway.Dispose();
    }

    /// <summary>Every process running now that the AppHost started, directly or not.</summary>
    public IReadOnlyList<StartedProcess> ProcessesStarted() => [.. StartedBy(Process.Id)];

    /// <summary>Sends a signal to the AppHost alone, as <c>kill</c> does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>
    /// Every process the AppHost started: its children, and Aspire's orchestrator (DCP), which detaches from the AppHost
    /// and watches it instead ("--monitor PID"), with everything DCP started in turn.
    /// </summary>
    private static IEnumerable<StartedProcess> StartedBy(int root)
    {
        var processes = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? StartedProcess.Read(pid) : null)
            .OfType<StartedProcess>()
            .Select(process => (process, monitored: MonitoredBy(process.Pid)))
            .ToList();
        var seen = new HashSet<int> { root };
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (process, _) in processes.Where(p => (p.process.Parent == current || p.monitored == current)
                && seen.Add(p.process.Pid)))
            {
                yield return process;
                frontier.Enqueue(process.Pid);
            }
        }
    }

    private static int MonitoredBy(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var index = Array.IndexOf(arguments, "--monitor");
            return index >= 0 && index + 1 < arguments.Length && int.TryParse(arguments[index + 1], out var monitored) ? monitored : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>A port nobody listens on now, for a server this test run starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// A process as /proc/PID/stat shows it. Its start time tells it from a later process given the same number: the kernel
/// hands out at most 32,768 numbers here (pid_max), so a long test run may see one given again.
/// </summary>
public sealed record StartedProcess(int Pid, string Name, int Parent, long StartTime)
{
    public static StartedProcess? Read(int pid)
    {
        try
        {
            // "pid (comm) state ppid … starttime": comm may hold spaces and parentheses, so fields are counted after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : new StartedProcess(pid, name, int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Still running (a zombie has stopped; only its parent has not collected it yet).</summary>
    public bool IsAlive() => Read(Pid) is { } now && now.StartTime == StartTime;

    public override string ToString() => $"{Pid} {Name}";
}

/// <summary>Lines a process printed, kept for the failure message.</summary>
public sealed class ConcurrentQueueOfLines
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public bool Contains(string text) => _lines.Any(line => line.Contains(text, StringComparison.Ordinal));

    public override string ToString() => string.Join('\n', _lines.TakeLast(80));
}
