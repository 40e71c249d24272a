namespace Assemblee.Sessions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("sessionsdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sessions");
    }
}
