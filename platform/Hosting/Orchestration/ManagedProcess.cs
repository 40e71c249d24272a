using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Aspire.Hosting.Orchestration;

internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory);

/// <summary>A child process whose output goes to its resource's log; stopped politely (SIGTERM), then by force.</summary>
internal sealed partial class ManagedProcess : IAsyncDisposable
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);
    private readonly Process _process;

    private ManagedProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public Task Exited { get; private init; } = Task.CompletedTask;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ManagedProcess Start(ProcessSpec spec, ResourceLog log)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in spec.Args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Write(e.Data, isError: false); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Write(e.Data, isError: true); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ManagedProcess(process) { Exited = exited.Task };
    }

    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        // Collect the tree first: children of a killed parent would be re-parented and lost.
        var tree = ProcessTree.Descendants(_process.Id);
        Kill(_process.Id, SigTerm);
        if (await Task.WhenAny(Exited, Task.Delay(GracePeriod)) != Exited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        foreach (var pid in tree)
        {
            Kill(pid, SigKill);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private const int SigKill = 9;
    private const int SigTerm = 15;

    private static void Kill(int pid, int signal) => _ = KillNative(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int KillNative(int pid, int signal);
}

internal static class ProcessTree
{
    /// <summary>The process's descendants, from /proc (Linux), deepest last.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }
        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (child, parent) in parents)
            {
                if (parent == current)
                {
                    result.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }
        return result;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
