using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

public sealed record RegisterBodyRequest(string Id, string Name, string Kind);

public static class BodiesApi
{
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/membership/bodies").WithTags("Bodies");
        bodies.MapPost("/", RegisterAsync)
            .WithName("RegisterBody")
            .WithSummary("Registers a participatory body; other services learn of it through BodyRegistered.")
            .RequireRoles(Roles.BodyAdmin);
        // The list of bodies is public information.
        bodies.MapGet("/", ListAsync).WithName("ListBodies").AllowAnonymous();
        bodies.MapGet("/{bodyId}", GetAsync).WithName("GetBody").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Created<Body>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> RegisterAsync(
        RegisterBodyRequest request, BodyStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!BodyKinds.IsValidId(request.Id ?? ""))
        {
            errors["id"] = ["Use lower-case letters, digits and single hyphens, at most 64 characters (e.g. youth-council)."];
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }
        if (!BodyKinds.All.Contains(request.Kind ?? ""))
        {
            errors["kind"] = [$"One of: {string.Join(", ", BodyKinds.All.Order())}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var body = await store.RegisterAsync(request.Id!, request.Name.Trim(), request.Kind!, cancellationToken);
        return body is null
            ? TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Title = "Body already registered",
                Detail = $"A body with the id '{request.Id}' already exists.",
                Status = StatusCodes.Status409Conflict,
            })
            : TypedResults.Created($"/api/membership/bodies/{body.Id}", body);
    }

    private static async Task<Ok<IReadOnlyList<Body>>> ListAsync(BodyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Ok<Body>, NotFound>> GetAsync(string bodyId, BodyStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(bodyId, cancellationToken) is { } body ? TypedResults.Ok(body) : TypedResults.NotFound();
}
