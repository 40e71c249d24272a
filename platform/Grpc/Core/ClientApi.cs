using System.Runtime.CompilerServices;

namespace Grpc.Core;

public readonly struct CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
{
    public Metadata? Headers { get; } = headers;

    public DateTime? Deadline { get; } = deadline;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public CallOptions WithHeaders(Metadata headers) => new(headers, Deadline, CancellationToken);

    public CallOptions WithDeadline(DateTime deadline) => new(Headers, deadline, CancellationToken);

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken);
}

public abstract class CallInvoker
{
    public abstract TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class where TResponse : class;

    public abstract AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class where TResponse : class;

    public abstract AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class where TResponse : class;
}

public abstract class ChannelBase(string target)
{
    public string Target { get; } = target;

    public abstract CallInvoker CreateCallInvoker();
}

public abstract class ClientBase
{
    protected ClientBase() : this(new ClientBaseConfiguration(null!))
    {
    }

    protected ClientBase(ChannelBase channel) : this(channel.CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker) : this(new ClientBaseConfiguration(callInvoker))
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration) => CallInvoker = configuration.CallInvoker;

    protected CallInvoker CallInvoker { get; }

    protected internal class ClientBaseConfiguration(CallInvoker callInvoker)
    {
        internal CallInvoker CallInvoker { get; } = callInvoker;
    }
}

public abstract class ClientBase<T> : ClientBase where T : ClientBase<T>
{
    protected ClientBase() { }

    protected ClientBase(ChannelBase channel) : base(channel) { }

    protected ClientBase(CallInvoker callInvoker) : base(callInvoker) { }

    protected ClientBase(ClientBaseConfiguration configuration) : base(configuration) { }

    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}

public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    Task<bool> MoveNext(CancellationToken cancellationToken);
}

public static class AsyncStreamReaderExtensions
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}

public sealed class AsyncUnaryCall<TResponse>(
    Task<TResponse> responseAsync,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public Status GetStatus() => getStatus();

    public Metadata GetTrailers() => getTrailers();

    public void Dispose() => dispose();
}

public sealed class AsyncServerStreamingCall<TResponse>(
    IAsyncStreamReader<TResponse> responseStream,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;

    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    public Status GetStatus() => getStatus();

    public Metadata GetTrailers() => getTrailers();

    public void Dispose() => dispose();
}
