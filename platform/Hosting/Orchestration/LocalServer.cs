using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

internal sealed record LocalServerContext(string StateDirectory, ResourceLog Log);

/// <summary>How one kind of infrastructure runs on this machine from its Debian package.</summary>
internal abstract class LocalServer(LocalServerContext context)
{
    protected LocalServerContext Context { get; } = context;

    protected static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates the data folder on first start and says how to start the server.</summary>
    public abstract Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken);

    public abstract Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    public virtual Task OnReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task CleanupAsync() => Task.CompletedTask;

    protected static string Require(string description, string installCommand, params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new PrerequisiteMissingException(
            $"{description} is not installed (looked for {string.Join(", ", candidates)}). Install it with: {installCommand} " +
            "(or run ./run.sh, which installs every prerequisite).");

    /// <summary>Runs a command as <paramref name="user"/> when root, otherwise as the current user.</summary>
    protected static ProcessSpec AsUser(string? user, string fileName, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, string workingDirectory) =>
        IsRoot && user is not null
            ? new ProcessSpec("runuser", ["-u", user, "--", fileName, .. args], environment ?? new Dictionary<string, string>(), workingDirectory)
            : new ProcessSpec(fileName, args, environment ?? new Dictionary<string, string>(), workingDirectory);

    protected async Task RunToCompletionAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        await using var process = ManagedProcess.Start(spec, Context.Log);
        await process.Exited.WaitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{spec.FileName} {string.Join(' ', spec.Args)}' failed with exit code {process.ExitCode}; see the log above.");
        }
    }

    protected static void GiveTo(string user, string path)
    {
        if (IsRoot)
        {
            var info = new System.Diagnostics.ProcessStartInfo("chown", ["-R", $"{user}:{user}", path]) { UseShellExecute = false };
            using var chown = System.Diagnostics.Process.Start(info)!;
            chown.WaitForExit();
        }
    }

    protected static async Task<bool> CanConnectAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}

public sealed class PrerequisiteMissingException(string message) : Exception(message);
