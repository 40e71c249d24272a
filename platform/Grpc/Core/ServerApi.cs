using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);

public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(
    TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message);
}

public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;

public abstract class ServerCallContext
{
    public abstract string Method { get; }

    public abstract string Peer { get; }

    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    public abstract CancellationToken CancellationToken { get; }

    public abstract Metadata ResponseTrailers { get; }

    public abstract Status Status { get; set; }

    internal abstract HttpContext HttpContext { get; }
}

public static class ServerCallContextExtensions
{
    /// <summary>The ASP.NET Core request behind a call (user, services), as in Grpc.AspNetCore.</summary>
    public static HttpContext GetHttpContext(this ServerCallContext context) => context.HttpContext;
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class BindServiceMethodAttribute(Type bindType, string bindMethodName) : Attribute
{
    public Type BindType { get; } = bindType;

    public string BindMethodName { get; } = bindMethodName;
}

/// <summary>Receives the methods of a generated service; only unary and server-streaming calls are supported.</summary>
public abstract class ServiceBinderBase
{
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotSupportedException();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotSupportedException();
}

public sealed class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings) => _bindings = bindings;

    public static Builder CreateBuilder() => new();

    public void BindService(ServiceBinderBase binder)
    {
        foreach (var bind in _bindings)
        {
            bind(binder);
        }
    }

    public sealed class Builder
    {
        private readonly List<Action<ServiceBinderBase>> _bindings = [];

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class
        {
            _bindings.Add(binder => binder.AddMethod(method, handler));
            return this;
        }

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class
        {
            _bindings.Add(binder => binder.AddMethod(method, handler));
            return this;
        }

        public ServerServiceDefinition Build() => new(_bindings);
    }
}
