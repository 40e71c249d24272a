using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assemblee.AppHost.Extensions;

/// <summary>
/// The application is ready when every resource with a health check is healthy, each of its replicas: the gateway then serves
/// every route, since it starts beside the services rather than after them, and its connections reach every replica.
/// Aspire's wait for a resource ends with the first healthy replica; one healthy later would get no connection the gateway
/// opened meanwhile, until they are replaced. The start-up announcement, the system tests and the benchmarks all wait by this
/// one rule.
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
            // Each replica's latest health, by its id: ready once as many are healthy as the resource has replicas.
            var replicas = resource.TryGetLastAnnotation<ReplicaAnnotation>(out var annotation) ? annotation.Replicas : 1;
            var healthy = new HashSet<string>();
            await notifications.WaitForResourceAsync(resource.Name, update =>
            {
                if (update.Snapshot.HealthStatus == HealthStatus.Healthy)
                {
                    healthy.Add(update.ResourceId);
                }
                else
                {
                    healthy.Remove(update.ResourceId);
                }
                return healthy.Count == replicas;
            }, cancellationToken);
        }
    }
}
