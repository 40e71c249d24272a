using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Assemblee.Common.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own database: Aspire's Npgsql data source from ConnectionStrings:{connectionName} (health check,
    /// tracing, metrics), the SQL migrations embedded in <paramref name="migrationsAssembly"/> (applied once at start-up
    /// under an advisory lock), and a readiness check that fails until they are applied.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder, string connectionName,
        Assembly migrationsAssembly)
    {
        builder.AddNpgsqlDataSource(connectionName);
        builder.Services.AddSingleton(provider => ActivatorUtilities.CreateInstance<DatabaseMigrator>(provider, migrationsAssembly));
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddHealthChecks().AddCheck<MigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }
}

internal sealed class MigrationsHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(migrator.Completed
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Migrations have not been applied yet."));
}
