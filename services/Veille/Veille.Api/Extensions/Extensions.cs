using Assemblee.Common;
using Assemblee.Common.Messaging;
namespace Assemblee.Veille.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("veille", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "veille");
    }
}
