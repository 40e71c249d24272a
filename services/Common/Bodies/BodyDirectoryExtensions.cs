using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Common.Bodies;

public static class BodyDirectoryExtensions
{
    /// <summary>The <see cref="BodyDirectory"/> and its gRPC fallback to membership (http://_grpc.membership).</summary>
    public static void AddBodyDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BodyDirectory>();
        builder.Services.AddGrpcClient<MembershipClient>(options => options.Address = new Uri("http://_grpc.membership"));
    }

    /// <summary>Registers the consumer that keeps the directory's copy, with the service's other consumers.</summary>
    public static void AddBodyDirectoryConsumer(this IBusRegistrationConfigurator bus) => bus.AddConsumer<BodyRegisteredConsumer>();
}
