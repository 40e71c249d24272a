using Assemblee.Gateway.OpenApi;
using Assemblee.Gateway.RateLimiting;
using Assemblee.Gateway.Routing;
using Assemblee.Gateway.Security;

namespace Assemblee.Gateway.Extensions;

internal static class GatewayExtensions
{
    public static void AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        builder.AddServiceRoutes();
        builder.AddEdgeSecurity();
        builder.AddTrustedProxies();
        builder.AddWebVisitors();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RedisRateLimiter>());
    }

    /// <summary>
    /// Forwarded headers from trusted proxies first (the client address), then CORS, errors, tokens, the rate limit, routes.
    /// </summary>
    public static void MapGateway(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseCors();
        app.MapDefaultEndpoints();
        app.UseEdgeTokenValidation();
        app.UseMiddleware<RateLimitMiddleware>();
        app.MapServiceDocuments();
        app.MapDevelopmentTokens();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseRequestSizeLimits();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }
}
