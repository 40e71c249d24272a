using Grpc.Core;
using Grpc.Net.Client;

namespace Microsoft.Extensions.DependencyInjection;

public sealed class GrpcClientFactoryOptions
{
    /// <summary>The service address, e.g. http://_grpc.sortition resolved by service discovery.</summary>
    public Uri? Address { get; set; }
}

public static class GrpcClientServiceExtensions
{
    /// <summary>
    /// Registers a generated client that sends through a named HttpClient, so the defaults every HttpClient gets
    /// (service discovery, resilience, telemetry) apply to gRPC too. Mirrors Grpc.Net.ClientFactory.
    /// </summary>
    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, Action<GrpcClientFactoryOptions> configure)
        where TClient : ClientBase
    {
        var name = typeof(TClient).FullName!;
        services.AddOptions<GrpcClientFactoryOptions>(name).Configure(configure);
        services.AddTransient(provider =>
        {
            var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GrpcClientFactoryOptions>>().Get(name);
            var address = options.Address ?? throw new InvalidOperationException($"No address is configured for {typeof(TClient).Name}.");
            var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name) });
            return (TClient)Activator.CreateInstance(typeof(TClient), channel.CreateCallInvoker())!;
        });
        return services.AddHttpClient(name);
    }
}
