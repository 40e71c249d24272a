using System.Diagnostics;

namespace Assemblee.SystemTests.Infrastructure;

internal static class ProcessRunner
{
    /// <summary>Debian's interpreter, which has python3-grpcio (the first python3 on PATH may not).</summary>
    public const string Python = "/usr/bin/python3";

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> args,
        TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout}: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
