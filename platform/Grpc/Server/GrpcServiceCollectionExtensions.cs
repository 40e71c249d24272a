using Grpc.AspNetCore.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers what mapped gRPC services need; mirrors Grpc.AspNetCore's AddGrpc.</summary>
    public static IServiceCollection AddGrpc(this IServiceCollection services)
    {
        services.AddRouting();
        services.AddHealthChecks();
        services.AddScoped<HealthCheckGrpcService>();
        return services;
    }
}
