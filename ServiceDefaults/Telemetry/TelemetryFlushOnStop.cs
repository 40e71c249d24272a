using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Assemblee.ServiceDefaults.Telemetry;

/// <summary>
/// Flushes traces, metrics and logs once the host has stopped, all three at once and for at most 1.5 s. Left to the
/// container, each provider's disposal waits up to 5 s in turn while the OTLP exporter retries a collector that has gone: the
/// AppHost stops its dashboard together with the services, so after Ctrl+C every service was still flushing when Aspire's
/// orchestrator gave up on it and killed it, 12 s later. OpenTelemetry has no setting for that wait; its providers' later
/// disposal finds them shut down and returns at once.
/// </summary>
internal sealed class TelemetryFlushOnStop(IServiceProvider services) : IHostedLifecycleService
{
    private const int FlushMilliseconds = 1500;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var tracing = services.GetService<TracerProvider>();
        var metrics = services.GetService<MeterProvider>();
        var logging = services.GetService<LoggerProvider>();
        return Task.WhenAll(
            Task.Run(() => tracing?.Shutdown(FlushMilliseconds), CancellationToken.None),
            Task.Run(() => metrics?.Shutdown(FlushMilliseconds), CancellationToken.None),
            Task.Run(() => logging?.Shutdown(FlushMilliseconds), CancellationToken.None));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
