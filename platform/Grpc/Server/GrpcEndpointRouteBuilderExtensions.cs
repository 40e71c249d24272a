using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of a service derived from a Grpc.Tools generated base class to POST /{service}/{method}.
    /// Attributes on the class and on each method (authorization) become endpoint metadata.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints) where TService : class
    {
        var bindAttribute = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault()
            ?? throw new InvalidOperationException($"{typeof(TService).Name} does not derive from a generated gRPC service base class.");
        var bindMethod = bindAttribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == bindAttribute.BindMethodName && m.GetParameters().Length == 2 &&
                         m.GetParameters()[0].ParameterType == typeof(ServiceBinderBase));

        var group = endpoints.MapGroup("");
        group.WithMetadata(typeof(TService).GetCustomAttributes(inherit: true));
        var binder = new EndpointServiceBinder<TService>(group);
        bindMethod.Invoke(null, [binder, null]);
        return group;
    }

    public static IEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<Grpc.AspNetCore.HealthChecks.HealthCheckGrpcService>();
}

internal sealed class EndpointServiceBinder<TService>(RouteGroupBuilder group) : ServiceBinderBase where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var implementation = FindImplementation(method.Name, typeof(TRequest), typeof(ServerCallContext));
        var invoke = implementation.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
        Map(method, implementation, async (service, request, call, _) =>
        {
            var response = await invoke(service, request, call);
            return [method.ResponseMarshaller.Serialize(response)];
        });
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var implementation = FindImplementation(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        var invoke = implementation.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
        Map(method, implementation, async (service, request, call, http) =>
        {
            await invoke(service, request, new ResponseStreamWriter<TResponse>(http, method.ResponseMarshaller, call.CancellationToken), call);
            return [];
        });
    }

    private static MethodInfo FindImplementation(string name, params Type[] parameters) =>
        typeof(TService).GetMethod(name, parameters)
        ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {name}.");

    /// <param name="run">Runs the call and returns the response messages still to write.</param>
    private void Map<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        MethodInfo implementation,
        Func<TService, TRequest, HttpServerCallContext, HttpContext, Task<byte[][]>> run)
    {
        group.MapPost(method.FullName, http => GrpcCallHandler.HandleAsync(http, method.FullName, async call =>
            {
                var payload = await GrpcWire.ReadMessageAsync(http.Request.Body, GrpcWire.DefaultMaxMessageSize, call.CancellationToken)
                    ?? throw new RpcException(new Status(StatusCode.Internal, "The request has no message."));
                var request = GrpcWire.Deserialize(method.RequestMarshaller, payload);
                var service = ActivatorUtilities.GetServiceOrCreateInstance<TService>(http.RequestServices);
                return await run(service, request, call, http);
            }))
            .WithDisplayName($"gRPC {method.FullName}")
            .WithMetadata(implementation.GetCustomAttributes(inherit: true));
    }
}

internal sealed class ResponseStreamWriter<T>(HttpContext http, Marshaller<T> marshaller, CancellationToken cancellationToken) : IServerStreamWriter<T>
{
    public async Task WriteAsync(T message)
    {
        await http.Response.Body.WriteAsync(GrpcWire.Frame(marshaller.Serialize(message)), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
