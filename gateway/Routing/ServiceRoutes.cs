using System.Net;
using Assemblee.Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
/// The public surface, built from configuration so that adding a service is one entry: /api/{service}/…, its REST API,
/// /openapi/{service}.json, its OpenAPI document, and its public gRPC services by their method paths; every other path goes
/// to the web application (Gateway:WebApplication, its body limit Gateway:WebApplicationMaxRequestBodySize, on the routes
/// Gateway:WebApplicationLargeBodyPaths names as for a service).
/// All of a service's routes go over cleartext HTTP/2 to its "grpc" endpoint (Kestrel speaks HTTP/2 without TLS only on an
/// endpoint that speaks nothing else): many requests share a connection, where HTTP/1.1 needs one per request in flight,
/// which costs the gateway less CPU a request (benchmarks/README.md: 70–97 µs against 89–117). The gateway keeps
/// Gateway:ConnectionsPerService connections to each service (4 unless set; the README asks four for each replica), taken
/// in turn, so that its requests are spread over the service's replicas (ConnectionSpreadingClientFactory).
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
        var connections = builder.Configuration.GetValue("Gateway:ConnectionsPerService", 4);
        foreach (var service in Read(builder.Configuration))
        {
            clusters.Add(Cluster(service.Name, $"http://_grpc.{service.Name}", http2Connections: connections));
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
            routes.AddRange(service.PublicGrpc.Select(grpcService => new RouteConfig
            {
                RouteId = $"{grpcService}-grpc",
                ClusterId = service.Name,
                Match = new RouteMatch { Path = $"/{grpcService}/{{method}}" },
            }));
        }
        if (builder.Configuration["Gateway:WebApplication"] is { Length: > 0 } web)
        {
            // Last of all routes: whatever no service claims is a page of the web application.
            clusters.Add(Cluster(web, $"http://{web}"));
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
        builder.Services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, ConnectionSpreadingClientFactory>());
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

    private static ClusterConfig Cluster(string id, string address, int? http2Connections = null) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { [id] = new() { Address = address } },
        HttpRequest = http2Connections is null
            ? null
            : new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact },
        Metadata = http2Connections is { } connections
            ? new Dictionary<string, string> { [ConnectionSpreadingClientFactory.ConnectionsMetadata] = $"{connections}" }
            : null,
    };
}
