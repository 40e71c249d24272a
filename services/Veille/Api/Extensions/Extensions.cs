namespace Assemblee.Veille.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("veilledb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "veille");
    }
}
