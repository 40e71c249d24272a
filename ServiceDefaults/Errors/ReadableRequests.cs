using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Assemblee.ServiceDefaults.Errors;

/// <summary>
/// Binds a gRPC service so that a request that is not a message of its method's type (bytes that are not protobuf, a string
/// field that is not UTF-8, a message cut short) gets INVALID_ARGUMENT. Grpc.AspNetCore reads the request before any
/// interceptor runs and answers such a request with UNKNOWN ("Exception was thrown by handler."), logged as an error of the
/// service; it offers no setting for this. Each gRPC service class names this binder in place of the generated one:
/// <c>[BindServiceMethod(typeof(ReadableRequests&lt;Sortition.SortitionBase&gt;), ReadableRequests.BindMethod)]</c>; a class that
/// does not is refused when it is mapped (<see cref="ReadableRequestsRequired{TService}"/>).
/// </summary>
public static class ReadableRequests<TServiceBase> where TServiceBase : class
{
    /// <summary>The generated BindService(ServiceBinderBase, TServiceBase), named by the attribute Grpc.Tools puts on the base.</summary>
    private static readonly MethodInfo GeneratedBind =
        typeof(TServiceBase).GetCustomAttribute<BindServiceMethodAttribute>() is { } bind
            ? bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static,
                [typeof(ServiceBinderBase), typeof(TServiceBase)])
                ?? throw new InvalidOperationException($"{bind.BindType} has no {bind.BindMethodName} method.")
            : throw new InvalidOperationException($"{typeof(TServiceBase)} is not a generated gRPC service base.");

    /// <summary>Grpc.AspNetCore reads the service class's own attribute before its base's and calls this with a binder of its own,
    /// which receives the methods with their request reader replaced.</summary>
    public static void BindService(ServiceBinderBase binder, TServiceBase service) =>
        GeneratedBind.Invoke(null, [new ReadableRequestBinder(binder), service]);
}

/// <summary>The name of <see cref="ReadableRequests{TServiceBase}.BindService"/>, for the attribute.</summary>
public static class ReadableRequests
{
    public const string BindMethod = nameof(ReadableRequests<>.BindService);
}

/// <summary>
/// Refuses to map a gRPC service class that does not name <see cref="ReadableRequests{TServiceBase}"/>, so that a class
/// added without it stops its service at start instead of answering unreadable requests with UNKNOWN. Grpc.AspNetCore asks
/// every method provider registered for a class when it maps it; this one adds no method, it only checks. The framework's
/// own services (health, reflection) are left as they come.
/// </summary>
internal sealed class ReadableRequestsRequired<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var service = typeof(TService);
        if (service.Assembly.GetName().Name?.StartsWith("Grpc.", StringComparison.Ordinal) == true)
        {
            return;
        }
        if (service.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false)?.BindType is not { IsGenericType: true } binder
            || binder.GetGenericTypeDefinition() != typeof(ReadableRequests<>))
        {
            throw new InvalidOperationException($"The gRPC service class {service.Name} must name the request reader that turns a "
                + $"request it cannot read into INVALID_ARGUMENT: [BindServiceMethod(typeof(ReadableRequests<{service.BaseType?.Name}>), "
                + "ReadableRequests.BindMethod)].");
        }
    }
}

/// <summary>Passes each method on to Grpc.AspNetCore's binder with a request reader that turns an unreadable message into
/// INVALID_ARGUMENT.</summary>
internal sealed class ReadableRequestBinder(ServiceBinderBase binder) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
        UnaryServerMethod<TRequest, TResponse>? handler) => binder.AddMethod(Readable(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
        ClientStreamingServerMethod<TRequest, TResponse>? handler) => binder.AddMethod(Readable(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
        ServerStreamingServerMethod<TRequest, TResponse>? handler) => binder.AddMethod(Readable(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
        DuplexStreamingServerMethod<TRequest, TResponse>? handler) => binder.AddMethod(Readable(method), handler);

    private static Method<TRequest, TResponse> Readable<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var read = method.RequestMarshaller.ContextualDeserializer;
        var reader = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return read(context);
            }
            catch (InvalidProtocolBufferException exception)
            {
                throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument,
                    $"The request is not a valid {typeof(TRequest).Name} message: {exception.Message}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, reader, method.ResponseMarshaller);
    }
}
