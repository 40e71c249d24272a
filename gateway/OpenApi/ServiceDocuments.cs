using Assemblee.Gateway.Routing;

namespace Assemblee.Gateway.OpenApi;

public static class ServiceDocuments
{
    private const string PagePath = "/openapi";

    /// <summary>
    /// /openapi: one page listing every service's OpenAPI document (each proxied at /openapi/{service}.json). The page's
    /// middleware matches paths with regular expressions; only requests under /openapi pass through it, not every request.
    /// </summary>
    public static void MapServiceDocuments(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PagePath), page => page.UseSwaggerUI(options =>
        {
            options.RoutePrefix = PagePath.TrimStart('/');
            options.DocumentTitle = "Assemblée APIs";
            foreach (var service in ServiceRoutes.Read(app.Configuration))
            {
                options.SwaggerEndpoint($"{PagePath}/{service.Name}.json", service.Name);
            }
        }));
}
