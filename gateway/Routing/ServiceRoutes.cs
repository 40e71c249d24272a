using System.Net;
using Assemblee.Gateway.Telemetry;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using HostingDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace Assemblee.Gateway.Routing;

/// <summary>
/// A service behind the gateway, from Gateway:Services:{name}: PublicGrpc names its public gRPC services;
/// MaxRequestBodySize, when set, replaces Kestrel's 30 MB limit on its REST routes (the service keeps its own limit), or only
/// on the routes LargeBodyPaths names (route templates) when it names any: the others keep 30 MB, as the service's own server
/// does, so that a body too large for them is refused here with a 413 rather than cut off by the service (a 502).
/// </summary>
public sealed record RoutedService(string Name, IReadOnlyList<string> PublicGrpc, long? MaxRequestBodySize = null,
    IReadOnlyList<string>? LargeBodyPaths = null);

/// <summary>
/// The public surface, built from configuration so that adding a service is one entry: /api/{service}/… to the
/// service's REST endpoint, /openapi/{service}.json to its OpenAPI document, and its public gRPC services by their
/// method paths over HTTP/2 to its "grpc" endpoint; every other path goes to the web application (Gateway:WebApplication,
/// its body limit Gateway:WebApplicationMaxRequestBodySize, on the routes Gateway:WebApplicationLargeBodyPaths names as for a
/// service).
/// Destinations are resolved by service discovery (services__*).
/// </summary>
public static class ServiceRoutes
{
    public static IReadOnlyList<RoutedService> Read(IConfiguration configuration) =>
    [
        .. configuration.GetSection("Gateway:Services").GetChildren().Select(service =>
            new RoutedService(service.Key, service.GetSection("PublicGrpc").Get<string[]>() ?? [],
                service.GetValue<long?>("MaxRequestBodySize"), service.GetSection("LargeBodyPaths").Get<string[]>())),
    ];

    public static void AddServiceRoutes(this WebApplicationBuilder builder)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in Read(builder.Configuration))
        {
            clusters.Add(Cluster(service.Name, $"http://{service.Name}", http2: false));
            routes.Add(new RouteConfig
            {
                RouteId = $"{service.Name}-api",
                ClusterId = service.Name,
                Match = new RouteMatch { Path = $"/api/{service.Name}/{{**rest}}" },
                MaxRequestBodySize = service.LargeBodyPaths is { Count: > 0 } ? null : service.MaxRequestBodySize,
            });
            routes.AddRange(LargeBodyRoutes(service.Name, service.LargeBodyPaths, service.MaxRequestBodySize));
            routes.Add(new RouteConfig
            {
                RouteId = $"{service.Name}-openapi",
                ClusterId = service.Name,
                Match = new RouteMatch { Path = $"/openapi/{service.Name}.json" },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = $"/openapi/{HostingDefaults.OpenApiDocument}.json" }],
            });
            if (service.PublicGrpc.Count == 0)
            {
                continue;
            }
            clusters.Add(Cluster($"{service.Name}-grpc", $"http://_grpc.{service.Name}", http2: true));
            routes.AddRange(service.PublicGrpc.Select(grpcService => new RouteConfig
            {
                RouteId = $"{grpcService}-grpc",
                ClusterId = $"{service.Name}-grpc",
                Match = new RouteMatch { Path = $"/{grpcService}/{{method}}" },
            }));
        }
        if (builder.Configuration["Gateway:WebApplication"] is { Length: > 0 } web)
        {
            // Last of all routes: whatever no service claims is a page of the web application.
            clusters.Add(Cluster(web, $"http://{web}", http2: false));
            // The web application sees the address its visitors typed: the OpenID Connect provider sends them back to it.
            IReadOnlyList<IReadOnlyDictionary<string, string>> originalHost =
                [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }];
            // The console's list imports carry a roll; the web application keeps Kestrel's 30 MB on its other forms.
            var largeBodyPaths = builder.Configuration.GetSection("Gateway:WebApplicationLargeBodyPaths").Get<string[]>() ?? [];
            var maxRequestBodySize = builder.Configuration.GetValue<long?>("Gateway:WebApplicationMaxRequestBodySize");
            routes.AddRange(LargeBodyRoutes(web, largeBodyPaths, maxRequestBodySize, originalHost));
            routes.Add(new RouteConfig
            {
                RouteId = web,
                ClusterId = web,
                Match = new RouteMatch { Path = "/{**page}" },
                Order = int.MaxValue,
                Transforms = originalHost,
                MaxRequestBodySize = largeBodyPaths.Length > 0 ? null : maxRequestBodySize,
            });
        }
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver().ForwardTraceContext();
    }

    private static IEnumerable<RouteConfig> LargeBodyRoutes(string cluster, IReadOnlyList<string>? paths, long? maxRequestBodySize,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? transforms = null) =>
        (paths ?? []).Select((path, index) => new RouteConfig
        {
            RouteId = $"{cluster}-large-body-{index}",
            ClusterId = cluster,
            Match = new RouteMatch { Path = path },
            MaxRequestBodySize = maxRequestBodySize,
            Transforms = transforms,
        });

    private static ClusterConfig Cluster(string id, string address, bool http2) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { [id] = new() { Address = address } },
        HttpRequest = http2
            ? new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
            : null,
    };
}
