using Yarp.ReverseProxy.Forwarder;

namespace Assemblee.Gateway.Routing;

/// <summary>
/// YARP's client for a cluster whose metadata names a number of connections (<see cref="ConnectionsMetadata"/>): that many
/// connection pools, each request sent to the next in turn. Over HTTP/2 one pool holds one connection for every request,
/// and Aspire's proxy, like a Kubernetes Service, spreads connections over a service's replicas, not requests: with one
/// connection, every replica but one would sit idle. Written here because no package does it: SocketsHttpHandler opens a
/// second HTTP/2 connection only once the server's stream limit (Kestrel's 100) is reached, and a service that lowered its
/// limit would refuse the first burst on a new connection (REFUSED_STREAM, sent before the client learns the limit), which
/// the handler retries on another connection only for a request whose body it can send again: YARP's cannot (a 502).
/// Every connection is replaced after <see cref="ConnectionLifetime"/>, so that a replica started later, or restarted, gets
/// its share.
/// </summary>
public sealed class ConnectionSpreadingClientFactory(ILogger<ForwarderHttpClientFactory> logger) : IForwarderHttpClientFactory
{
    public const string ConnectionsMetadata = "Connections";

    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(1);

    private readonly Pools pools = new(logger);

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context)
    {
        var value = context.NewMetadata?.GetValueOrDefault(ConnectionsMetadata);
        if (!int.TryParse(value, out var connections) || connections < 2)
        {
            return pools.CreateClient(context);
        }
        if (context.OldClient is not null && context.NewConfig == context.OldConfig
            && context.OldMetadata?.GetValueOrDefault(ConnectionsMetadata) == value)
        {
            return context.OldClient;
        }
        var pool = new ForwarderHttpClientContext
        {
            ClusterId = context.ClusterId,
            NewConfig = context.NewConfig,
            NewMetadata = context.NewMetadata,
        };
        return new HttpMessageInvoker(new InTurn([.. Enumerable.Range(0, connections).Select(_ => pools.CreateClient(pool))]));
    }

    private sealed class Pools(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.PooledConnectionLifetime = ConnectionLifetime;
        }
    }

    private sealed class InTurn(HttpMessageInvoker[] clients) : HttpMessageHandler
    {
        private uint next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            clients[Interlocked.Increment(ref next) % clients.Length].SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }
            base.Dispose(disposing);
        }
    }
}
