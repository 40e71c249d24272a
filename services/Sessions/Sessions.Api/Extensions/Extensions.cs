using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
namespace Assemblee.Sessions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("sessionsdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sessions");
    }
}
