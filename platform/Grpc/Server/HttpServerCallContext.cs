using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Grpc.AspNetCore.Server;

internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _httpContext;
    private readonly CancellationTokenSource _cancellation;

    public HttpServerCallContext(HttpContext httpContext, string method)
    {
        _httpContext = httpContext;
        Method = method;
        RequestHeaders = GrpcWire.ToMetadata(httpContext.Request.Headers.Select(h => KeyValuePair.Create(h.Key, (IEnumerable<string>)h.Value!)));
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        var timeout = GrpcWire.ParseTimeout(httpContext.Request.Headers[GrpcWire.TimeoutHeader]);
        if (timeout is { } t)
        {
            Deadline = DateTime.UtcNow + t;
            _cancellation.CancelAfter(t);
        }
        else
        {
            Deadline = DateTime.MaxValue;
        }
    }

    public override string Method { get; }

    public override string Peer => $"ipv4:{_httpContext.Connection.RemoteIpAddress}:{_httpContext.Connection.RemotePort}";

    public override DateTime Deadline { get; }

    public override Metadata RequestHeaders { get; }

    public override CancellationToken CancellationToken => _cancellation.Token;

    public override Metadata ResponseTrailers { get; } = [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    internal override HttpContext HttpContext => _httpContext;

    public bool DeadlineExceeded => DateTime.UtcNow >= Deadline;

    public void Dispose() => _cancellation.Dispose();
}
