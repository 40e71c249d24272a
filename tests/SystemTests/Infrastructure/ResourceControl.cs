namespace Assemblee.SystemTests.Infrastructure;

/// <summary>What a developer does from the dashboard: stop and start a resource, read its console.</summary>
public static class ResourceControl
{
    public static async Task StopResourceAsync(this DistributedApplication app, string name)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, result.Message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, timeout.Token);
    }

    public static async Task StartResourceAsync(this DistributedApplication app, string name)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, result.Message);
        await app.WaitUntilHealthyAgainAsync(name);
    }

    /// <summary>
    /// Waits for a resource that was just started or restarted: its snapshot may still show the stopped process for a
    /// moment, which the default wait would take for a failed start.
    /// </summary>
    public static async Task WaitUntilHealthyAgainAsync(this DistributedApplication app, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
    }

    /// <summary>The process a running resource has now (Aspire's "executable.pid" property).</summary>
    public static int ProcessId(this DistributedApplication app, string name) =>
        app.ProcessIdOrNull(name) ?? throw new InvalidOperationException($"{name} has no process.");

    public static int? ProcessIdOrNull(this DistributedApplication app, string name) =>
        app.ResourceNotifications.TryGetCurrentState(name, out var state) &&
        state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, global::System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
