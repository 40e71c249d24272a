using Assemblee.Sortition.Data;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Sortition.Api;

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

    /// <summary>A body registered a moment ago may not have reached us yet: ask membership, which owns bodies.</summary>
    private static async Task<Results<Ok<KnownBody>, NotFound>> GetAsync(
        string bodyId, BodyDirectory directory, MembershipClient membership, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(bodyId, cancellationToken) is { } known)
        {
            return TypedResults.Ok(known);
        }
        try
        {
            var body = await membership.GetBodyAsync(
                new() { BodyId = bodyId }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
            return TypedResults.Ok(new KnownBody(body.Id, body.Name));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return TypedResults.NotFound();
        }
    }
}
