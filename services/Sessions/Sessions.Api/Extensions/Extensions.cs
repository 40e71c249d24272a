using Assemblee.Common;
using Assemblee.Common.Messaging;
namespace Assemblee.Sessions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("sessions", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sessions");
    }
}
