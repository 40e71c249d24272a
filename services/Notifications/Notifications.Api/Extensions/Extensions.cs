using Assemblee.Common;
using Assemblee.Common.Messaging;
namespace Assemblee.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("notifications", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "notifications");
    }
}
