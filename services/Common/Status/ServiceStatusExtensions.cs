using System.Reflection;
using Assemblee.Common.Data;
using Assemblee.Common.Status.V1;
using Assemblee.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Assemblee.Common.Status;

/// <param name="Instance">Which replica answered: the host (the pod, once deployed) and process.</param>
public sealed record ServiceStatusResponse(string Service, string Version, string? SchemaVersion, string Instance);

/// <summary>
/// GET /api/{service}/status and assemblee.common.v1.ServiceStatus/GetStatus: the service's name, build and
/// database schema version. Public on purpose: it tells operators what runs, and holds nothing personal.
/// </summary>
public static class ServiceStatusExtensions
{
    public static WebApplication MapServiceStatus(this WebApplication app)
    {
        var serviceName = app.Services.GetRequiredService<ServiceIdentity>().Name;
        app.MapGet($"/api/{serviceName}/status", GetStatusAsync)
            .WithName("GetServiceStatus")
            .WithSummary("The service's name, version and database schema version.")
            .WithTags("Status")
            .AllowAnonymous();
        app.MapGrpcService<ServiceStatusGrpc>().AllowAnonymous();
        return app;
    }

    private static async Task<Ok<ServiceStatusResponse>> GetStatusAsync(ServiceIdentity identity, DatabaseMigrator migrator,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await identity.DescribeAsync(migrator, cancellationToken));
}

/// <summary>
/// The name a service gave itself (<see cref="ServiceExtensions.AddAssembleeService"/>): its routes, database and queues.
/// </summary>
public sealed class ServiceIdentity(string name)
{
    private static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Name { get; } = name;

    public async Task<ServiceStatusResponse> DescribeAsync(DatabaseMigrator migrator, CancellationToken cancellationToken) =>
        new(Name, Version, await migrator.GetSchemaVersionAsync(cancellationToken), $"{Environment.MachineName}/{Environment.ProcessId}");
}

[BindServiceMethod(typeof(ReadableRequests<ServiceStatus.ServiceStatusBase>), ReadableRequests.BindMethod)]
internal sealed class ServiceStatusGrpc(ServiceIdentity identity, DatabaseMigrator migrator) : ServiceStatus.ServiceStatusBase
{
    public override async Task<ServiceStatusReply> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var status = await identity.DescribeAsync(migrator, context.CancellationToken);
        return new ServiceStatusReply
        {
            Service = status.Service,
            Version = status.Version,
            SchemaVersion = status.SchemaVersion ?? "",
            Instance = status.Instance
        };
    }
}
