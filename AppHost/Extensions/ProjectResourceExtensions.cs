namespace Assemblee.AppHost.Extensions;

public static class ProjectResourceExtensions
{
    /// <summary>
    /// Lets <paramref name="caller"/> reach <paramref name="service"/>'s REST ("http") and gRPC ("grpc") endpoints by
    /// service discovery (http://membership, http://_grpc.membership). Referencing the endpoints rather than the
    /// resource keeps an https address out of the manifest: the services listen on plain HTTP inside the cluster.
    /// </summary>
    public static IResourceBuilder<TCaller> WithServiceReference<TCaller>(
        this IResourceBuilder<TCaller> caller, IResourceBuilder<ProjectResource> service) where TCaller : IResourceWithEnvironment =>
        caller.WithReference(service.GetEndpoint("http")).WithReference(service.GetEndpoint("grpc"));

    /// <summary>
    /// In run mode a service runs in the AppHost's environment (Development under ./run.sh and the tests, which enables
    /// /dev/token); a deployment chooses its own, so the manifest names none.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHostEnvironment(this IResourceBuilder<ProjectResource> project) =>
        project.ApplicationBuilder.ExecutionContext.IsPublishMode
            ? project
            : project.WithEnvironment("ASPNETCORE_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName);

    /// <summary>
    /// Services listen on plain HTTP ("http") and cleartext HTTP/2 ("grpc") inside the cluster; TLS ends at the city's
    /// ingress. Aspire's publish mode gives every project a default "https" endpoint on the port of its last Kestrel
    /// endpoint, which would bind the gRPC port twice in the manifest: it is removed.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithoutDefaultHttps(this IResourceBuilder<ProjectResource> project)
    {
        foreach (var https in project.Resource.Annotations.OfType<EndpointAnnotation>().Where(endpoint =>
            endpoint.Name == "https").ToList())
        {
            project.Resource.Annotations.Remove(https);
        }
        return project;
    }
}
