namespace Assemblee.Documents.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("documentsdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "documents");
    }
}
