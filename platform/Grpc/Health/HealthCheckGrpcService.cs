using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grpc.AspNetCore.HealthChecks;

/// <summary>grpc.health.v1.Health backed by the ASP.NET Core health checks ("" is the whole server).</summary>
public sealed class HealthCheckGrpcService(HealthCheckService healthChecks) : Grpc.Health.V1.Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(request.Service))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        }
        var report = await healthChecks.CheckHealthAsync(context.CancellationToken);
        return new HealthCheckResponse
        {
            Status = report.Status == HealthStatus.Unhealthy
                ? HealthCheckResponse.Types.ServingStatus.NotServing
                : HealthCheckResponse.Types.ServingStatus.Serving,
        };
    }
}
