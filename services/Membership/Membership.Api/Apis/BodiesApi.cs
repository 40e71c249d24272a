using Assemblee.Common.Bodies;
using Assemblee.Common.Rules;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

public sealed record RegisterBodyRequest(string Id, string Name, string Kind, BodyMailboxes? Mailboxes = null);

public static class BodiesApi
{
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/membership/bodies").WithTags("Bodies").ProducesRuleViolations();
        bodies.MapPost("/", RegisterAsync)
            .WithName("RegisterBody")
            .WithSummary("Registers a participatory body; other services learn of it through BodyRegistered.")
            .RequireRoles(Roles.BodyAdmin);
        // The list of bodies is public information.
        bodies.MapGet("/", ListAsync).WithName("ListBodies").AllowAnonymous();
        bodies.MapGet("/{bodyId}", GetAsync).WithName("GetBody").AllowAnonymous();
        bodies.MapPut("/{bodyId}/mailboxes", SetMailboxesAsync).WithName("SetBodyMailboxes")
            .WithSummary("Replaces the body's institutional mailboxes, its secretariat's and its executive office's (none: the news "
                + "stays in the spaces).")
            .RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Results<Created<Body>, ValidationProblem>> RegisterAsync(
        RegisterBodyRequest request, BodyRegistration registration, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(BodyIds.IsValid(request.Id ?? ""), "id", new FieldRule("body-id", $"Use {BodyIds.Rule}."))
            .Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Length <= 200, "name",
                FieldRule.Text(200))
            .Require(BodyKinds.All.Contains(request.Kind ?? ""), "kind", FieldRule.OneOf(BodyKinds.All.Order()))
            .Validate(request.Mailboxes, "mailboxes.");
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        var body = await registration.RegisterAsync(request.Id!, request.Name.Trim(), request.Kind!,
            request.Mailboxes ?? BodyMailboxes.None, cancellationToken);
        return TypedResults.Created($"/api/membership/bodies/{body.Id}", body);
    }

    private static async Task<Results<Ok<Body>, ValidationProblem>> SetMailboxesAsync(string bodyId, BodyMailboxes mailboxes,
        BodyStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Validate(mailboxes);
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        return await store.SetMailboxesAsync(bodyId, mailboxes, cancellationToken)
            && await store.FindAsync(bodyId, cancellationToken) is { } body
            ? TypedResults.Ok(body)
            : throw RuleViolation.NotFound($"No body '{bodyId}'.");
    }

    private static async Task<Ok<IReadOnlyList<Body>>> ListAsync(BodyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Ok<Body>, NotFound>> GetAsync(string bodyId, BodyStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(bodyId, cancellationToken) is { } body ? TypedResults.Ok(body) : TypedResults.NotFound();
}
