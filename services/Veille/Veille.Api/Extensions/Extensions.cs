using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
namespace Assemblee.Veille.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("veilledb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "veille");
    }
}
