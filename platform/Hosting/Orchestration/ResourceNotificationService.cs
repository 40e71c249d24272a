namespace Aspire.Hosting;

public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Restarting = "Restarting";
    public const string Stopping = "Stopping";
    public const string Exited = "Exited";
    public const string FailedToStart = "FailedToStart";
}

public sealed record ResourceSnapshot(string State, bool IsHealthy, int Restarts, string? Error, IReadOnlyList<string> Urls, IReadOnlyList<int> ProcessIds)
{
    public static readonly ResourceSnapshot Initial = new(KnownResourceStates.NotStarted, false, 0, null, [], []);
}

/// <summary>Current state of every resource, and waiting for one to reach a state (Aspire's ResourceNotificationService).</summary>
public sealed class ResourceNotificationService
{
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, ResourceSnapshot> Snapshots
    {
        get
        {
            lock (_snapshots)
            {
                return new Dictionary<string, ResourceSnapshot>(_snapshots);
            }
        }
    }

    public ResourceSnapshot Get(string name)
    {
        lock (_snapshots)
        {
            return _snapshots.GetValueOrDefault(name, ResourceSnapshot.Initial);
        }
    }

    internal void Update(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        TaskCompletionSource changed;
        lock (_snapshots)
        {
            _snapshots[name] = update(_snapshots.GetValueOrDefault(name, ResourceSnapshot.Initial));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public async Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_snapshots)
            {
                var current = _snapshots.GetValueOrDefault(name, ResourceSnapshot.Initial);
                if (predicate(current))
                {
                    return current;
                }
                if (current.State == KnownResourceStates.FailedToStart)
                {
                    throw new InvalidOperationException($"Resource '{name}' failed to start: {current.Error}");
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    public Task<ResourceSnapshot> WaitForResourceAsync(string name, string targetState, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.State == targetState, cancellationToken);

    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.State == KnownResourceStates.Running && s.IsHealthy, cancellationToken);
}
