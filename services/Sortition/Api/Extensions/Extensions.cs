using Assemblee.Sortition.Data;
using Assemblee.Sortition.Messaging;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Sortition.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("sortitiondb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sortition", bus => bus.AddConsumer<BodyRegisteredConsumer>());
        builder.Services.AddSingleton<BodyDirectory>();
        builder.Services.AddGrpcClient<MembershipClient>(options => options.Address = new Uri("http://_grpc.membership"));
    }
}
