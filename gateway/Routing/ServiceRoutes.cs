using System.Net;
using Assemblee.ServiceDefaults.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace Assemblee.Gateway.Routing;

/// <summary>
/// The public surface: /api/{service}/… to each service's REST API, and the public gRPC services (sortition and
/// veille) by their method paths over HTTP/2. Destinations come from the AppHost's references (services__*).
/// </summary>
public static class ServiceRoutes
{
    public static readonly IReadOnlyList<string> Services = ["sortition", "membership", "sessions", "documents", "notifications", "veille"];

    /// <summary>gRPC services other participatory bodies call through the gateway.</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicGrpcServices = new Dictionary<string, string>
    {
        ["sortition"] = "assemblee.sortition.v1.Sortition",
        ["veille"] = "assemblee.veille.v1.Veille",
    };

    public static void AddServiceRoutes(this WebApplicationBuilder builder)
    {
        var resolver = new ServiceEndpointResolver(builder.Configuration);
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in Services)
        {
            clusters.Add(Cluster(service, resolver.ResolveAll(new Uri($"http://{service}")), http2: false));
            routes.Add(new RouteConfig { RouteId = $"{service}-api", ClusterId = service, Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" } });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json" },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
        }
        foreach (var (service, grpcService) in PublicGrpcServices)
        {
            clusters.Add(Cluster($"{service}-grpc", resolver.ResolveAll(new Uri($"http://_grpc.{service}")), http2: true));
            routes.Add(new RouteConfig { RouteId = $"{service}-grpc", ClusterId = $"{service}-grpc", Match = new RouteMatch { Path = $"/{grpcService}/{{method}}" } });
        }
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
    }

    /// <summary>One destination per replica, taken in turn.</summary>
    private static ClusterConfig Cluster(string id, IReadOnlyList<Uri> addresses, bool http2) => new()
    {
        ClusterId = id,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        Destinations = addresses.Select((address, i) => (address, i)).ToDictionary(d => $"replica-{d.i}", d => new DestinationConfig { Address = d.address.ToString() }),
        HttpRequest = http2
            ? new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
            : null,
    };
}
