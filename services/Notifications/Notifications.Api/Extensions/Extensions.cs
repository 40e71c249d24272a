using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
namespace Assemblee.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("notificationsdb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "notifications");
    }
}
