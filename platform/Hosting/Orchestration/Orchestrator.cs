using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Run mode: gives every endpoint a loopback port, starts resources once what they wait for is healthy, watches
/// health, restarts a crashed process with backoff, and stops everything in reverse order.
/// </summary>
internal sealed class Orchestrator(
    IReadOnlyList<Resource> resources,
    DistributedApplicationOptions options,
    string stateDirectory,
    ResourceNotificationService notifications,
    IReadOnlyDictionary<string, ResourceLog> logs)
{
    private DistributedApplicationOptions Options => options;

    private string StateDirectory => stateDirectory;

    private ResourceNotificationService Notifications => notifications;

    private IReadOnlyDictionary<string, ResourceLog> Logs => logs;

    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<Resource, RunningResource> _running = [];
    private readonly List<Task> _supervisors = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        AllocatePorts();
        foreach (var resource in resources.Where(r => r is not ParameterResource))
        {
            var running = new RunningResource(resource, this);
            _running[resource] = running;
            notifications.Update(resource.Name, s => s with { State = KnownResourceStates.Waiting });
        }
        foreach (var running in _running.Values)
        {
            _supervisors.Add(running.SuperviseAsync(_stopping.Token));
        }
        // Started means every resource has been launched (or failed): health comes after, as in Aspire.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        foreach (var resource in _running.Keys)
        {
            await notifications.WaitForResourceAsync(resource.Name, s => s.State is KnownResourceStates.Running, linked.Token);
        }
    }

    public Task StopResourceAsync(string name) => Find(name).StopAsync(byRequest: true);

    public Task StartResourceAsync(string name) => Find(name).ResumeAsync();

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        // Services first, then what they depend on.
        foreach (var layer in new Func<Resource, bool>[] { r => r is ProjectResource or ExecutableResource, r => r is ContainerResource })
        {
            await Task.WhenAll(_running.Where(r => layer(r.Key)).Select(r => r.Value.StopAsync(byRequest: false)));
        }
        await Task.WhenAll(_supervisors).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private RunningResource Find(string name) =>
        _running.FirstOrDefault(r => r.Key.Name == name).Value ?? throw new ArgumentException($"No resource named '{name}'.", nameof(name));

    private void AllocatePorts()
    {
        foreach (var resource in resources)
        {
            foreach (var endpoint in resource.Endpoints)
            {
                endpoint.AllocatedPorts.Clear();
                for (var replica = 0; replica < resource.Replicas; replica++)
                {
                    endpoint.AllocatedPorts.Add(endpoint.Port is { } fixedPort && !options.RandomizePorts && replica == 0
                        ? fixedPort
                        : PortAllocator.GetFreePort());
                }
            }
        }
    }

    /// <summary>One resource's processes (one per replica, or its local server) and their supervision.</summary>
    private sealed class RunningResource(Resource resource, Orchestrator owner)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly List<ManagedProcess> _processes = [];
        private LocalServer? _server;
        private bool _stoppedByRequest;
        private TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _restarts;

        private ResourceLog Log => owner.Logs[resource.Name];

        private void Update(Func<ResourceSnapshot, ResourceSnapshot> update) => owner.Notifications.Update(resource.Name, update);

        public async Task SuperviseAsync(CancellationToken stopping)
        {
            try
            {
                foreach (var dependency in resource.WaitsFor)
                {
                    await owner.Notifications.WaitForResourceHealthyAsync(dependency.Name, stopping);
                }
                if (resource is PostgresDatabaseResource database)
                {
                    await owner.Notifications.WaitForResourceHealthyAsync(database.Parent.Name, stopping);
                    Update(s => s with { State = KnownResourceStates.Running, IsHealthy = true });
                    return;
                }
                while (!stopping.IsCancellationRequested)
                {
                    await StartProcessesAsync(stopping);
                    var exited = await Task.WhenAny(_processes.Select(p => p.Exited));
                    await _gate.WaitAsync(CancellationToken.None);
                    var byRequest = _stoppedByRequest;
                    _gate.Release();
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }
                    if (byRequest)
                    {
                        await _resumed.Task.WaitAsync(stopping);
                        continue;
                    }
                    var exitCode = _processes.Select(p => p.ExitCode).FirstOrDefault(c => c is not null);
                    Log.Write($"[apphost] exited with code {exitCode}; restarting", isError: true);
                    await StopAsync(byRequest: false);
                    _restarts++;
                    Update(s => s with { State = KnownResourceStates.Restarting, IsHealthy = false, Restarts = _restarts });
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(_restarts, 5)))), stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                Log.Write($"[apphost] {ex.Message}", isError: true);
                Update(s => s with { State = KnownResourceStates.FailedToStart, IsHealthy = false, Error = ex.Message });
            }
        }

        private async Task StartProcessesAsync(CancellationToken stopping)
        {
            Update(s => s with { State = KnownResourceStates.Starting, IsHealthy = false });
            await _gate.WaitAsync(stopping);
            try
            {
                _processes.Clear();
                if (resource is ContainerResource container)
                {
                    var directory = Path.Combine(owner.StateDirectory, resource.Name);
                    _server ??= container.CreateLocalServer(new LocalServerContext(directory, Log));
                    _processes.Add(ManagedProcess.Start(await _server.PrepareAsync(stopping), Log));
                }
                else
                {
                    for (var replica = 0; replica < resource.Replicas; replica++)
                    {
                        _processes.Add(ManagedProcess.Start(await ProjectSpecAsync(replica, stopping), Log));
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
            Update(s => s with
            {
                State = KnownResourceStates.Running,
                ProcessIds = [.. _processes.Select(p => p.Id)],
                Urls = [.. resource.Endpoints.SelectMany(e => e.AllocatedPorts.Select(p => $"{e.Scheme}://127.0.0.1:{p}"))],
            });
            _ = WatchHealthAsync(stopping);
        }

        private async Task WatchHealthAsync(CancellationToken stopping)
        {
            var processes = _processes.ToList();
            var wasHealthy = false;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (!stopping.IsCancellationRequested && processes.All(p => p.ExitCode is null))
            {
                var healthy = await IsHealthyAsync(http, stopping);
                if (healthy && !wasHealthy && _server is not null)
                {
                    await _server.OnReadyAsync(stopping);
                }
                if (healthy != wasHealthy)
                {
                    Update(s => s with { IsHealthy = healthy });
                    wasHealthy = healthy;
                }
                await Task.Delay(healthy ? HealthPollInterval * 5 : HealthPollInterval / 4, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        private async Task<bool> IsHealthyAsync(HttpClient http, CancellationToken stopping)
        {
            try
            {
                if (_server is not null)
                {
                    return await _server.IsReadyAsync(stopping);
                }
                var endpoint = resource.Endpoints.FirstOrDefault(e => e.Name == "http");
                if (endpoint is null)
                {
                    return true;
                }
                foreach (var port in endpoint.AllocatedPorts)
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), stopping);
                    if (!response.IsSuccessStatusCode)
                    {
                        return false;
                    }
                }
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
            {
                return false;
            }
        }

        private async Task<ProcessSpec> ProjectSpecAsync(int replica, CancellationToken cancellationToken)
        {
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["OTEL_SERVICE_NAME"] = resource.Name,
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={resource.Name}-{replica}",
                ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
                ["LOGGING__CONSOLE__FORMATTEROPTIONS__COLORBEHAVIOR"] = "Disabled",
            };
            if (owner.Options.OtlpEndpoint is { } otlp)
            {
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = owner.Options.OtlpProtocol;
                // Aspire's development intervals: telemetry shows up within a second, not a minute.
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            }
            var context = new EnvironmentCallbackContext(isPublishMode: false, replica);
            foreach (var callback in resource.EnvironmentCallbacks)
            {
                callback(context);
            }
            foreach (var (key, value) in context.EnvironmentVariables)
            {
                environment[key] = await value.GetValueAsync(cancellationToken) ?? "";
            }
            return resource switch
            {
                ProjectResource project => new ProcessSpec(
                    "dotnet", [project.Metadata.TargetPath], environment, Path.GetDirectoryName(project.Metadata.ProjectPath)!),
                ExecutableResource executable => new ProcessSpec(executable.Command, executable.Args, environment, executable.WorkingDirectory),
                _ => throw new InvalidOperationException($"Cannot start {resource.GetType().Name}."),
            };
        }

        public async Task StopAsync(bool byRequest)
        {
            await _gate.WaitAsync();
            try
            {
                _stoppedByRequest = byRequest;
                if (byRequest)
                {
                    _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                Update(s => s with { State = KnownResourceStates.Stopping, IsHealthy = false });
                await Task.WhenAll(_processes.Select(p => p.StopAsync()));
                if (_server is not null)
                {
                    await _server.CleanupAsync();
                }
                Update(s => s with { State = KnownResourceStates.Exited, ProcessIds = [] });
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task ResumeAsync()
        {
            await _gate.WaitAsync();
            _stoppedByRequest = false;
            _gate.Release();
            _resumed.TrySetResult();
        }
    }
}
