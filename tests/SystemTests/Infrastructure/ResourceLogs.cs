using Microsoft.Extensions.DependencyInjection;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>
/// What each project printed during the run, written to artifacts/logs/{run}/{resource}.log as it comes. The testing host keeps
/// no trace once the application stops, and a test that sees only an error page cannot tell which service failed or why;
/// test.sh prints the errors found here when a test fails.
/// </summary>
public sealed class ResourceLogs : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _writers;

    public ResourceLogs(DistributedApplication app, IEnumerable<string> projects)
    {
        var run = Path.Combine(Paths.Root, "artifacts", "logs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(run);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        _writers = projects.Select(name => model.Resources.Single(resource => resource.Name == name))
            .Select(resource => WriteAsync(logs, resource, Path.Combine(run, $"{resource.Name}.log"))).ToList();
    }

    private async Task WriteAsync(ResourceLoggerService logs, IResource resource, string path)
    {
        await using var file = new StreamWriter(path);
        // The resource overload follows every replica of a project. It takes no token and does not end when the enumeration is
        // cancelled, so each wait is given up on instead, and the enumerator is left to the end of the process.
        var batches = logs.WatchAsync(resource).GetAsyncEnumerator(_stop.Token);
        try
        {
            while (await batches.MoveNextAsync().AsTask().WaitAsync(_stop.Token))
            {
                foreach (var line in batches.Current)
                {
                    await file.WriteLineAsync(line.Content);
                }
                await file.FlushAsync();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
        _stop.Dispose();
    }
}
