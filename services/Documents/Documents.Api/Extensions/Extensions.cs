using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
namespace Assemblee.Documents.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("documentsdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "documents");
    }
}
