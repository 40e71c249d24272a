namespace Assemblee.SystemTests.Infrastructure;

/// <summary>What a developer does from the dashboard: stop, start and restart a resource, read its console.</summary>
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

    /// <summary>Restarts a project as the dashboard does, and waits until it serves again on its new process.</summary>
    public static async Task RestartResourceAsync(this DistributedApplication app, string name)
    {
        var before = app.ProcessId(name);
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.RestartCommand);
        // The command's own answer first, so that a refused restart says why rather than showing up as a timeout below.
        Assert.True(result.Success, result.Message);
        await Eventually.ReturnsAsync(() => Task.FromResult(app.ProcessIdOrNull(name)), pid => pid is { } now && now != before,
            TimeSpan.FromMinutes(1), $"{name} should run on a new process");
        await app.WaitUntilHealthyAgainAsync(name);
    }

    /// <summary>
    /// Waits for a resource that was just started or restarted: its snapshot may still show the stopped process for a
    /// moment, which the default wait would take for a failed start.
    /// </summary>
    public static async Task WaitUntilHealthyAgainAsync(this DistributedApplication app, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"{name} was not healthy 2 minutes after it started. {await HealthSeenAsync(app, name)}");
        }
    }

    /// <summary>
    /// Asks the process itself and Aspire's proxy in front of it for /health. Aspire checks health through its proxy (DCP),
    /// which, after a service was killed and started again while another AppHost loaded the machine, was once seen to hang
    /// for minutes while the new process worked; a failure says which of the two does not answer.
    /// </summary>
    private static async Task<string> HealthSeenAsync(DistributedApplication app, string name)
    {
        // Aspire tells a project where to listen through Kestrel's endpoint settings, the proxy's port aside.
        var own = app.ResourceNotifications.TryGetCurrentState(name, out var state)
            ? state.Snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "Kestrel__Endpoints__http__Url")?.Value
            : null;
        var addresses = new (string Who, Uri? Url)[] { ("its process", own is null ? null : new Uri(own)),
            ("Aspire's proxy", app.GetEndpoint(name, "http")) };
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var seen = new List<string>();
        foreach (var (who, url) in addresses)
        {
            if (url is null)
            {
                continue;
            }
            try
            {
                using var response = await client.GetAsync(new Uri(url, "/health"));
                seen.Add($"{who} at {url} answered /health with {(int)response.StatusCode}");
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                seen.Add($"{who} at {url} did not answer /health ({failure.GetType().Name})");
            }
        }
        return string.Join("; ", seen) + ".";
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
