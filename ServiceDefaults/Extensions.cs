using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Assemblee.ServiceDefaults.Telemetry;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Assemblée service and the gateway get, shaped like Aspire's service defaults: telemetry, health,
/// service discovery, resilience, plus authentication, problem details and the gRPC basics.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>The one OpenAPI document each program publishes (/openapi/v1.json); the gateway serves it as /openapi/{service}.json.
    /// </summary>
    public const string OpenApiDocument = "v1";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddHostingDefaults();
        builder.AddDefaultErrors();
        builder.Services.AddOpenApi(OpenApiDocument);
        builder.AddDefaultAuthentication();
        builder.Services.AddGrpc();
        // After Grpc.AspNetCore has put in its providers (gzip, deflate): a request that does not decompress gets INTERNAL.
        builder.Services.PostConfigure<GrpcServiceOptions>(options =>
            options.CompressionProviders = [.. options.CompressionProviders.Select(provider => new CheckedDecompression(provider))]);
        // Every gRPC service class reads its requests with ReadableRequests, or its service does not start.
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(ReadableRequestsRequired<>)));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>What the web application shares with the services: telemetry, health, discovery, resilience, a short stop.</summary>
    public static TBuilder AddHostingDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Every long job resumes where it stopped (the outbox, a campaign's ledger, migrations in one transaction), so a stop
        // need not wait 30 s (the default) for a batch to finish. Aspire's orchestrator kills a program 6 s after its SIGTERM:
        // 3 s here and the telemetry's last flush (1.5 s, TelemetryFlushOnStop) end before it. The gateway was seen to need
        // the whole timeout after serving requests.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(3));
        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the AppHost points it at the
    /// dashboard). Requests belong in traces, not in logs: the framework's per-request log lines are kept to warnings.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // Npgsql logs every command at Information; commands are in traces.
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "Assemblee.*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddHostedService<TelemetryFlushOnStop>();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Error handling, authentication, health, OpenAPI, gRPC health and reflection. /health is readiness (every check:
    /// database, broker, cache) and answers 503 unless all are healthy; /alive is liveness. Both answer status only.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        // A document name that does not exist gets the problem details of any unknown address (UseStatusCodePages), not ASP.NET
        // Core's sentence in plain text.
        app.MapOpenApi().AllowAnonymous().AddEndpointFilter((context, next) =>
            context.HttpContext.GetRouteValue("documentName") as string == OpenApiDocument
                ? next(context)
                : ValueTask.FromResult<object?>(TypedResults.NotFound()));
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        return app;
    }

    /// <summary>/health is readiness (every check) and answers 503 unless all are healthy; /alive is liveness.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") })
            .AllowAnonymous();
        return app;
    }

    private static bool IsHealthProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthEndpointPath) || context.Request.Path.StartsWithSegments(AlivenessEndpointPath) ||
        context.Request.Path.StartsWithSegments("/grpc.health.v1.Health");
}
