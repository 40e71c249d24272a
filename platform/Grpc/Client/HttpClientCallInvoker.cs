using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Grpc.Net.Client;

internal sealed class HttpClientCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        var response = call.RunUnaryAsync(request);
        return new AsyncUnaryCall<TResponse>(response, call.Headers, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        return new AsyncServerStreamingCall<TResponse>(call.StartStreaming(request), call.Headers, call.GetStatus, call.GetTrailers, call.Dispose);
    }
}

/// <summary>One call: sends the request, reads messages, and turns the trailers into a status.</summary>
internal sealed class GrpcCall<TRequest, TResponse>(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options) : IDisposable
{
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = CreateCancellation(options);
    private HttpResponseMessage? _response;
    private Stream? _body;
    private Status? _status;
    private Metadata _trailers = [];

    public Task<Metadata> Headers => _headers.Task;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished.");

    public Metadata GetTrailers() => _status is null ? throw new InvalidOperationException("The call has not finished.") : _trailers;

    public async Task<TResponse> RunUnaryAsync(TRequest request)
    {
        try
        {
            await SendAsync(request);
            var message = await ReadNextAsync() ?? throw Finish(new Status(StatusCode.Internal, "The server returned no message."));
            if (await ReadNextAsync() is not null)
            {
                throw Finish(new Status(StatusCode.Internal, "The server returned more than one message."));
            }
            return message;
        }
        finally
        {
            Dispose();
        }
    }

    public IAsyncStreamReader<TResponse> StartStreaming(TRequest request) => new Reader(this, SendAsync(request));

    private async Task SendAsync(TRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(channel.Address, method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcWire.Frame(method.RequestMarshaller.Serialize(request))),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcWire.ContentType);
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            message.Headers.TryAddWithoutValidation(GrpcWire.TimeoutHeader, GrpcWire.FormatTimeout(deadline.ToUniversalTime() - DateTime.UtcNow));
        }
        if (options.Headers is { } metadata)
        {
            GrpcWire.CopyMetadata(metadata, (key, value) => message.Headers.TryAddWithoutValidation(key, value));
        }

        try
        {
            _response = await channel.HttpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _cancellation.Token);
        }
        catch (Exception ex)
        {
            throw Failure(ex);
        }
        _headers.TrySetResult(GrpcWire.ToMetadata(_response.Headers));
        if (_response.StatusCode != HttpStatusCode.OK)
        {
            throw Finish(new Status(GrpcWire.FromHttpStatus((int)_response.StatusCode), $"Bad gRPC response: HTTP status {(int)_response.StatusCode}."));
        }
        // A trailers-only response: the status came with the headers, no message follows.
        if (GrpcWire.ReadStatus(name => HeaderValue(_response.Headers, name)) is { } status)
        {
            _trailers = GrpcWire.ToMetadata(_response.Headers);
            ThrowIfFailed(Finish(status));
            return;
        }
        _body = await _response.Content.ReadAsStreamAsync(_cancellation.Token);
    }

    /// <summary>The next message, or null once the server has closed the stream with OK.</summary>
    private async Task<TResponse?> ReadNextAsync()
    {
        if (_body is null)
        {
            return default;
        }
        byte[]? payload;
        try
        {
            payload = await GrpcWire.ReadMessageAsync(_body, channel.MaxReceiveMessageSize, _cancellation.Token);
        }
        catch (Exception ex)
        {
            throw Failure(ex);
        }
        if (payload is not null)
        {
            return GrpcWire.Deserialize(method.ResponseMarshaller, payload);
        }
        _trailers = GrpcWire.ToMetadata(_response!.TrailingHeaders);
        var status = GrpcWire.ReadStatus(name => HeaderValue(_response.TrailingHeaders, name))
            ?? new Status(StatusCode.Internal, "The server closed the call without a status.");
        ThrowIfFailed(Finish(status));
        _body = null;
        return default;
    }

    private static void ThrowIfFailed(RpcException finished)
    {
        if (finished.StatusCode != StatusCode.OK)
        {
            throw finished;
        }
    }

    private RpcException Finish(Status status)
    {
        _status ??= status;
        _headers.TrySetResult([]);
        return new RpcException(_status.Value, _trailers);
    }

    private RpcException Failure(Exception ex) => ex switch
    {
        RpcException rpc => rpc,
        OperationCanceledException when options.CancellationToken.IsCancellationRequested =>
            Finish(new Status(StatusCode.Cancelled, "The call was cancelled.")),
        OperationCanceledException => Finish(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")),
        HttpRequestException or IOException => Finish(new Status(StatusCode.Unavailable, $"Error connecting to the service: {ex.Message}")),
        _ => Finish(new Status(StatusCode.Internal, $"Error running the call: {ex.Message}")),
    };

    private static string? HeaderValue(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static CancellationTokenSource CreateCancellation(CallOptions options)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            cancellation.CancelAfter(deadline.ToUniversalTime() - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
        return cancellation;
    }

    public void Dispose()
    {
        _response?.Dispose();
        _cancellation.Dispose();
    }

    private sealed class Reader(GrpcCall<TRequest, TResponse> call, Task sent) : IAsyncStreamReader<TResponse>
    {
        public TResponse Current { get; private set; } = default!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            await sent;
            using var registration = cancellationToken.Register(call._cancellation.Cancel);
            if (await call.ReadNextAsync() is { } message)
            {
                Current = message;
                return true;
            }
            return false;
        }
    }
}
