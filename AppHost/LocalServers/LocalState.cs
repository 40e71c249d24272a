using System.Diagnostics;
using System.Security.Cryptography;

namespace Assemblee.AppHost.LocalServers;

/// <summary>
/// Where the local servers keep their data. By default a fresh folder per run (a development run and a test run never
/// share one), removed when the next run starts once the run that made it has ended; with --keep-state, the
/// repository's .state/ folder, kept with its generated passwords so that the data stays readable.
/// </summary>
public sealed class LocalState
{
    private const string RunsFolder = "assemblee-runs";

    private LocalState(string directory) => Directory = directory;

    public string Directory { get; }

    public static LocalState ForRun(string? keptDirectory)
    {
        if (keptDirectory is not null)
        {
            return new LocalState(Create(keptDirectory));
        }
        var runs = Path.Combine(Path.GetTempPath(), RunsFolder);
        RemoveEndedRuns(runs);
        return new LocalState(Create(Path.Combine(runs, $"{Environment.ProcessId}-{Guid.NewGuid():N}")));
    }

    /// <summary>A folder for one server, readable by the system user that runs it.</summary>
    public string For(string server) => Create(Path.Combine(Directory, server));

    /// <summary>A generated secret, kept in the state folder (readable by its owner only) for as long as the data.</summary>
    public string Secret(string name)
    {
        var path = Path.Combine(Directory, $"{name}.secret");
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        WriteOwnerOnly(path, secret);
        return secret;
    }

    /// <summary>Writes a file that holds a secret, readable and writable by its owner only.</summary>
    public static void WriteOwnerOnly(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        return Path.GetFullPath(directory);
    }

    /// <summary>Folders are named after the process that made them; those whose process is gone are removed.</summary>
    private static void RemoveEndedRuns(string runs)
    {
        if (!System.IO.Directory.Exists(runs))
        {
            return;
        }
        foreach (var run in System.IO.Directory.GetDirectories(runs))
        {
            if (int.TryParse(Path.GetFileName(run).Split('-')[0], out var pid) && !IsRunning(pid))
            {
                try
                {
                    System.IO.Directory.Delete(run, recursive: true);
                }
                catch (IOException)
                {
                    // Still in use by a server that outlived its AppHost: left for a later run.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
