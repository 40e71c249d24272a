using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Resilience;
using Assemblee.ServiceDefaults.ServiceDiscovery;
using Assemblee.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every Assemblée service gets: telemetry, health, discovery, resilience, authentication, errors.</summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.AddDefaultAuthentication();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<Assemblee.ServiceDefaults.Status.ServiceIdentity>();
        return builder;
    }

    /// <summary>Error handling, authentication, health and OpenAPI endpoints. Health answers status only, never details.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { Predicate = check => !check.Tags.Contains("live") || check.Name == "self" })
            .AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") })
            .AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app;
    }
}
