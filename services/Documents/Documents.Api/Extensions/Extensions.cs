using Assemblee.Common;
using Assemblee.Common.Messaging;
namespace Assemblee.Documents.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("documents", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "documents");
    }
}
