namespace Assemblee.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("notificationsdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "notifications");
    }
}
