using Assemblee.Common.Bodies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sortition.Apis;

public static class BodiesApi
{
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        // Which bodies can run draws is public information.
        var bodies = app.MapGroup("/api/sortition/bodies").WithTags("Bodies").AllowAnonymous();
        bodies.MapGet("/", ListAsync).WithName("ListDrawingBodies");
        bodies.MapGet("/{bodyId}", GetAsync).WithName("GetDrawingBody");
        return app;
    }

    private static async Task<Ok<List<KnownBody>>> ListAsync(BodyDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken).ToListAsync(cancellationToken));

    /// <summary>A body registered a moment ago may not have reached us yet: the directory asks membership, which owns bodies.</summary>
    private static async Task<Results<Ok<KnownBody>, NotFound>> GetAsync(string bodyId, BodyDirectory directory,
        CancellationToken cancellationToken) =>
        await directory.FindAsync(bodyId, cancellationToken) is { } body ? TypedResults.Ok(body) : TypedResults.NotFound();
}
