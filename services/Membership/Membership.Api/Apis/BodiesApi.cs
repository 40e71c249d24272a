using Assemblee.Common.Bodies;
using Assemblee.Common.Rules;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Membership.Apis;

/// <param name="ContactEmail">The secretariat's institutional mailbox, where the body's Veille et Interpellation news goes.</param>
public sealed record RegisterBodyRequest(string Id, string Name, string Kind, string? ContactEmail = null);

public sealed record BodyContactRequest(string? ContactEmail);

public static class BodiesApi
{
    private const string ContactRule = "One e-mail address (name@domain), without a display name.";

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
        bodies.MapPut("/{bodyId}/contact", SetContactAsync).WithName("SetBodyContact")
            .WithSummary("Replaces the body's institutional mailbox (none: its news stays in its space).")
            .RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Results<Created<Body>, ValidationProblem>> RegisterAsync(
        RegisterBodyRequest request, BodyRegistration registration, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>()
            .Require(BodyIds.IsValid(request.Id ?? ""), "id", $"Use {BodyIds.Rule}.")
            .Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Length <= 200, "name",
                "A name of 1 to 200 characters is required.")
            .Require(BodyKinds.All.Contains(request.Kind ?? ""), "kind", $"One of: {string.Join(", ", BodyKinds.All.Order())}.")
            .Require(request.ContactEmail is null || BodyContacts.IsValid(request.ContactEmail), "contactEmail", ContactRule);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var body = await registration.RegisterAsync(request.Id!, request.Name.Trim(), request.Kind!, request.ContactEmail,
            cancellationToken);
        return TypedResults.Created($"/api/membership/bodies/{body.Id}", body);
    }

    private static async Task<Results<Ok<Body>, ValidationProblem>> SetContactAsync(string bodyId, BodyContactRequest request,
        BodyStore store, CancellationToken cancellationToken)
    {
        if (request.ContactEmail is { } email && !BodyContacts.IsValid(email))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactEmail"] = [ContactRule] });
        }
        return await store.SetContactEmailAsync(bodyId, request.ContactEmail, cancellationToken)
            && await store.FindAsync(bodyId, cancellationToken) is { } body
            ? TypedResults.Ok(body)
            : throw RuleViolation.NotFound($"No body '{bodyId}'.");
    }

    private static async Task<Ok<IReadOnlyList<Body>>> ListAsync(BodyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Ok<Body>, NotFound>> GetAsync(string bodyId, BodyStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(bodyId, cancellationToken) is { } body ? TypedResults.Ok(body) : TypedResults.NotFound();
}
