using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assemblee.AppHost.Extensions;

public static class StartupAnnouncement
{
    /// <summary>
    /// Says "All resources started" once the application is ready (<see cref="Readiness"/>), not merely launched: from
    /// then on the gateway serves every route. Aspire's own start-up line comes before the services are ready. It gives the
    /// dashboard's address and the portal's (the gateway's), where a newcomer opens the web application.
    /// </summary>
    public static void AddStartupAnnouncement(this IDistributedApplicationBuilder builder, EndpointReference portal) =>
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, cancellationToken) =>
        {
            var notifications = created.Services.GetRequiredService<ResourceNotificationService>();
            var logger = created.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Assemblee.AppHost");
            var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0];
            _ = Task.Run(async () =>
            {
                await Readiness.WaitUntilReadyAsync(created.Model, notifications, cancellationToken);
                logger.LogInformation("All resources started. Dashboard: {Dashboard} Portal: {Portal}", dashboard ?? "off", portal.Url);
            }, cancellationToken);
            return Task.CompletedTask;
        });
}
