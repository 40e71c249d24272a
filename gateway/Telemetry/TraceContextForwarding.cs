using System.Diagnostics;
using Yarp.ReverseProxy.Transforms;

namespace Assemblee.Gateway.Telemetry;

/// <summary>
/// The service's span for a forwarded request is a child of the gateway's own span for it: the gateway writes its
/// trace context (traceparent, tracestate, baggage) on each forwarded request itself, and a caller's trace headers never
/// pass as they came. The HTTP client's own propagation is switched off for the gateway (Gateway.csproj,
/// System.Net.Http.EnableActivityPropagation): with it, every forwarded request opened a client span beside the
/// gateway's span, which covers the forwarding already, and that second span, recorded and exported for every request,
/// was a large part of what the gateway costs a request (benchmarks/README.md).
/// </summary>
public static class TraceContextForwarding
{
    public static IReverseProxyBuilder ForwardTraceContext(this IReverseProxyBuilder proxy) =>
        proxy.AddTransforms(context => context.AddRequestTransform(transform =>
        {
            var propagator = DistributedContextPropagator.Current;
            foreach (var field in propagator.Fields)
            {
                transform.ProxyRequest.Headers.Remove(field);
            }
            propagator.Inject(Activity.Current, transform.ProxyRequest, static (carrier, name, value) =>
                ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
            return ValueTask.CompletedTask;
        }));
}
