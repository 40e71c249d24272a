using Assemblee.Gateway.Routing;

namespace Assemblee.Gateway.OpenApi;

public static class ServiceDocuments
{
    /// <summary>/openapi: one page listing every service's OpenAPI document (each proxied at /openapi/{service}.json).</summary>
    public static void MapServiceDocuments(this WebApplication app) => app.UseSwaggerUI(options =>
    {
        options.RoutePrefix = "openapi";
        options.DocumentTitle = "Assemblée APIs";
        foreach (var service in ServiceRoutes.Read(app.Configuration))
        {
            options.SwaggerEndpoint($"/openapi/{service.Name}.json", service.Name);
        }
    });
}
