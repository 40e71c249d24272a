using Grpc.Core;

namespace Grpc.Net.Client;

public sealed class GrpcChannelOptions
{
    /// <summary>The client to send calls with; its handler decides discovery and resilience.</summary>
    public HttpClient? HttpClient { get; set; }

    public HttpMessageHandler? HttpHandler { get; set; }

    public int MaxReceiveMessageSize { get; set; } = GrpcWire.DefaultMaxMessageSize;
}

/// <summary>A channel to one address, speaking gRPC over HTTP/2 (cleartext h2c for http:// addresses).</summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly bool _ownsClient;

    private GrpcChannel(Uri address, GrpcChannelOptions options) : base(address.Authority)
    {
        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        if (options.HttpClient is { } client)
        {
            HttpClient = client;
        }
        else
        {
            HttpClient = new HttpClient(options.HttpHandler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true }, disposeHandler: true);
            _ownsClient = true;
        }
        // Streaming calls may last; deadlines bound calls instead.
        HttpClient.Timeout = Timeout.InfiniteTimeSpan;
    }

    public Uri Address { get; }

    internal HttpClient HttpClient { get; }

    internal int MaxReceiveMessageSize { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null) => new(address, options ?? new GrpcChannelOptions());

    public override CallInvoker CreateCallInvoker() => new HttpClientCallInvoker(this);

    public void Dispose()
    {
        if (_ownsClient)
        {
            HttpClient.Dispose();
        }
    }
}
