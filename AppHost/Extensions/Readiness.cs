using Microsoft.Extensions.DependencyInjection;

namespace Assemblee.AppHost.Extensions;

/// <summary>
/// The application is ready when every resource with a health check is healthy: the gateway then serves every route, since
/// it starts beside the services rather than after them. The start-up announcement, the system tests and the benchmarks
/// all wait by this one rule.
/// </summary>
public static class Readiness
{
    public static async Task WaitUntilReadyAsync(this DistributedApplication app, CancellationToken cancellationToken) =>
        await WaitUntilReadyAsync(app.Services.GetRequiredService<DistributedApplicationModel>(), app.ResourceNotifications,
            cancellationToken);

    public static async Task WaitUntilReadyAsync(DistributedApplicationModel model, ResourceNotificationService notifications,
        CancellationToken cancellationToken)
    {
        foreach (var resource in model.Resources.Where(resource => resource.TryGetAnnotationsOfType<HealthCheckAnnotation>(out _)))
        {
            await notifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken);
        }
    }
}
