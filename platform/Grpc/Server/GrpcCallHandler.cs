using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server;

/// <summary>Checks the request, runs a call and ends the response with the gRPC status.</summary>
internal static class GrpcCallHandler
{
    public static async Task HandleAsync(HttpContext http, string method, Func<HttpServerCallContext, Task<byte[][]>> run)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
            return;
        }
        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith(GrpcWire.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        http.Response.ContentType = GrpcWire.ContentType;
        using var call = new HttpServerCallContext(http, method);
        var status = Status.DefaultSuccess;
        try
        {
            foreach (var message in await run(call))
            {
                await http.Response.Body.WriteAsync(GrpcWire.Frame(message), call.CancellationToken);
            }
            status = call.Status;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            foreach (var entry in ex.Trailers)
            {
                call.ResponseTrailers.Add(entry);
            }
        }
        catch (OperationCanceledException) when (call.DeadlineExceeded)
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            status = new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
        }
        catch (Exception ex)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrpcCallHandler))
                .LogError(ex, "gRPC method {Method} failed", method);
            status = new Status(StatusCode.Unknown, "Exception was thrown by handler.");
        }
        WriteStatus(http, status, call.ResponseTrailers);
    }

    private static void WriteStatus(HttpContext http, Status status, Metadata trailers)
    {
        // Before any message, a "trailers-only" response carries the status in the headers.
        Action<string, string> add = http.Response.HasStarted
            ? (key, value) => http.Response.AppendTrailer(key, value)
            : (key, value) => http.Response.Headers.Append(key, value);
        add(GrpcWire.StatusHeader, ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            add(GrpcWire.MessageHeader, GrpcWire.EncodeMessage(status.Detail));
        }
        GrpcWire.CopyMetadata(trailers, add);
    }
}
