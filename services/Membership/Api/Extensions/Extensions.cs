using Assemblee.Membership.Data;

namespace Assemblee.Membership.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("membershipdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "membership");
        builder.Services.AddSingleton<BodyStore>();
    }
}
