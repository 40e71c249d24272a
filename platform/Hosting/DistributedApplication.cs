using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Dashboard;
using Aspire.Hosting.Orchestration;
using Aspire.Hosting.Publishing;

namespace Aspire.Hosting;

/// <summary>The application model, run (local processes) or published (aspire-manifest.json).</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly Dictionary<string, ResourceLog> _logs;
    private readonly string _stateDirectory;
    private readonly bool _ownsStateDirectory;
    private Orchestrator? _orchestrator;
    private DashboardHost? _dashboard;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        var options = builder.Options;
        _logs = builder.Resources.ToDictionary(r => r.Name, r => new ResourceLog(r.Name, options.EchoResourceLogs));
        if (options.StateDirectory is { } state)
        {
            _stateDirectory = Path.GetFullPath(state, builder.AppHostDirectory);
        }
        else if (options.KeepState)
        {
            _stateDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".state"));
        }
        else
        {
            _stateDirectory = Directory.CreateTempSubdirectory("assemblee-").FullName;
            _ownsStateDirectory = true;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args }, Assembly.GetCallingAssembly());

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        CreateBuilder(options, Assembly.GetCallingAssembly());

    private static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options, Assembly appHost)
    {
        if (TestingHook.Current is { } hook)
        {
            hook.Options.Args = [.. options.Args, .. hook.Options.Args];
            options = hook.Options;
        }
        return new DistributedApplicationBuilder(options, appHost);
    }

    public ResourceNotificationService ResourceNotifications { get; } = new();

    public IReadOnlyList<Resource> Resources => _builder.Resources;

    public IReadOnlyList<LogLine> GetResourceLogs(string name) => _logs[name].Snapshot();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_builder.PublisherOutputPath is { } output)
        {
            await ManifestPublisher.WriteAsync(_builder.Resources, Path.GetFullPath(output), cancellationToken);
            Console.WriteLine($"Published the manifest to {Path.GetFullPath(output)}");
            return;
        }
        Directory.CreateDirectory(_stateDirectory);
        if (!OperatingSystem.IsWindows())
        {
            // Servers run as their own users (postgres, rabbitmq) and must be able to reach their folders.
            File.SetUnixFileMode(_stateDirectory, File.GetUnixFileMode(_stateDirectory) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        ParameterStore.Load(_builder.Resources, _stateDirectory, _builder.Options.KeepState);
        _orchestrator = new Orchestrator(_builder.Resources, _builder.Options, _stateDirectory, ResourceNotifications, _logs);
        if (!_builder.Options.DisableDashboard)
        {
            _dashboard = await DashboardHost.StartAsync(this, _builder.Options.DashboardPort, cancellationToken);
        }
        try
        {
            await _orchestrator.StartAsync(cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Starts, then runs until Ctrl+C or SIGTERM, and stops every child process.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var registration = cancellationToken.Register(() => stop.TrySetResult());
        try
        {
            var starting = StartAsync(cancellationToken);
            await Task.WhenAny(starting, stop.Task);
            if (starting.IsCompleted)
            {
                await starting;
                if (_builder.PublisherOutputPath is not null)
                {
                    return;
                }
                Console.WriteLine(_dashboard is null
                    ? "All resources started. Press Ctrl+C to stop."
                    : $"All resources started. Dashboard: {_dashboard.Url}  Press Ctrl+C to stop.");
                await stop.Task;
            }
        }
        catch (Exception ex) when (ex is PrerequisiteMissingException or InvalidOperationException)
        {
            Console.Error.WriteLine($"The application could not start: {ex.Message}");
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync();
        }
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public Task StopResourceAsync(string name) => RequireRunning().StopResourceAsync(name);

    public Task StartResourceAsync(string name) => RequireRunning().StartResourceAsync(name);

    public async Task StopAsync()
    {
        if (_orchestrator is not null)
        {
            await _orchestrator.StopAsync();
        }
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
            _dashboard = null;
        }
        if (_ownsStateDirectory && Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Orchestrator RequireRunning() => _orchestrator ?? throw new InvalidOperationException("The application is not running.");

    public async Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Resources.OfType<IResourceWithConnectionString>().SingleOrDefault(r => r.Name == resourceName) is { } resource
            ? await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
            : throw new ArgumentException($"Resource '{resourceName}' has no connection string.", nameof(resourceName));

    public Uri GetEndpoint(string resourceName, string endpointName = "http") =>
        new($"{Find(resourceName).Endpoints.Single(e => e.Name == endpointName).Scheme}://127.0.0.1:{new EndpointReference(Find(resourceName), endpointName).GetPort()}");

    public HttpClient CreateHttpClient(string resourceName, string endpointName = "http") =>
        new() { BaseAddress = GetEndpoint(resourceName, endpointName) };

    private Resource Find(string name) => Resources.SingleOrDefault(r => r.Name == name) ?? throw new ArgumentException($"No resource named '{name}'.", nameof(name));
}

/// <summary>Generated secrets survive a restart only when the state (and so the data they protect) does.</summary>
internal static class ParameterStore
{
    public static void Load(IReadOnlyList<Resource> resources, string stateDirectory, bool keep)
    {
        var file = Path.Combine(stateDirectory, "parameters.json");
        var generated = resources.OfType<ParameterResource>().Where(p => p.Generate is not null).ToList();
        if (keep && File.Exists(file))
        {
            var saved = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? [];
            foreach (var parameter in generated.Where(p => saved.ContainsKey(p.Name)))
            {
                parameter.Restore(saved[parameter.Name]);
            }
        }
        if (keep)
        {
            File.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(generated.ToDictionary(p => p.Name, p => p.Value)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}
