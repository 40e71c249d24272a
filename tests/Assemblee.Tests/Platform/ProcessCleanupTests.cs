using System.Diagnostics;
using Aspire.Hosting;
using Assemblee.Tests.Infrastructure;

namespace Assemblee.Tests.Platform;

/// <summary>Stopping the application, from a test or with Ctrl+C, leaves no child process running.</summary>
public sealed class ProcessCleanupTests
{
    [Fact]
    public async Task Disposing_a_started_application_stops_every_process_it_started()
    {
        var builder = DistributedApplication.CreateBuilder(InfrastructureFixture.TestOptions);
        builder.AddPostgres("pg").AddDatabase("db");
        builder.AddRedis("redis");
        var app = builder.Build();
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("pg");
        var processes = new[] { "pg", "redis" }.SelectMany(name => app.ResourceNotifications.Get(name).ProcessIds).ToList();
        processes.AddRange(processes.SelectMany(Descendants).ToList());
        Assert.NotEmpty(processes);

        await app.DisposeAsync();

        Assert.DoesNotContain(processes, IsAlive);
    }

    [Fact]
    public async Task Ctrl_C_on_the_AppHost_stops_the_whole_system()
    {
        var appHost = Path.Combine(Paths.Root, "artifacts", "bin", "AppHost", "debug", "AppHost.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { appHost, "--randomize-ports", "--no-dashboard" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var started = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("All resources started", StringComparison.Ordinal) == true) { started.TrySetResult(); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromMinutes(3));
        var children = Descendants(process.Id).ToList();
        Assert.True(children.Count >= 10, $"expected infrastructure and services running, found {children.Count} processes");

        Interrupt(process.Id);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.DoesNotContain(children, IsAlive);
    }

    /// <summary>What Ctrl+C does: SIGINT to the AppHost.</summary>
    private static void Interrupt(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(global::System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

    private static IEnumerable<int> Descendants(int root)
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (pid, parent: ParentOf(pid)))
            .ToList();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (pid, _) in parents.Where(p => p.parent == current))
            {
                yield return pid;
                frontier.Enqueue(pid);
            }
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], global::System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
