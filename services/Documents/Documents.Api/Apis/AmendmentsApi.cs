using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Documents.Apis;

/// <summary>
/// An amendment with the numbers of the proposed amendments it conflicts with (they amend the same section), and what it
/// changes, word by word.
/// </summary>
public sealed record AmendmentView(Amendment Amendment, IReadOnlyList<int> ConflictsWith, IReadOnlyList<DiffPart> Changes);

/// <summary>Amendments to a document: writers and the executive propose and withdraw, the secretariat records decisions.</summary>
public static class AmendmentsApi
{
    public static IEndpointRouteBuilder MapAmendmentsApi(this IEndpointRouteBuilder app)
    {
        var amendments = app.MapGroup("/api/documents/bodies/{bodyId}/documents/{documentId:guid}/amendments").WithTags("Amendments")
            .ProducesRuleViolations();
        amendments.MapPost("/", ProposeAsync).WithName("ProposeAmendment")
            .WithSummary("Proposes to replace a section's text, insert a section after it, or delete it, with a motivation.")
            .RequireBodyRoles(Writers.Participants);
        amendments.MapGet("/", ListAsync).WithName("ListAmendments").WithSummary("Every amendment, with the ones each conflicts with.")
            .RequireBodyRoles(Writers.Participants);
        amendments.MapPost("/{amendmentId:guid}/decision", DecideAsync).WithName("DecideAmendment")
            .WithSummary("Accepts (a new version with exactly that change) or rejects, naming the vote when one decided.")
            .RequireBodyRoles(Roles.Secretariat);
        amendments.MapPost("/{amendmentId:guid}/withdrawal", WithdrawAsync).WithName("WithdrawAmendment")
            .WithSummary("Its author withdraws a proposed amendment.").RequireBodyRoles(Writers.Participants);
        return app;
    }

    private static async Task<Results<Created<Amendment>, ValidationProblem>> ProposeAsync(string bodyId, Guid documentId,
        AmendmentRequest request, ClaimsPrincipal user, Callers callers, Amending amending, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var caller = await callers.ResolveAsync(user, bodyId, documentId, cancellationToken);
        var amendment = await amending.ProposeAsync(bodyId, documentId, request, caller, cancellationToken);
        return TypedResults.Created($"/api/documents/bodies/{bodyId}/documents/{documentId}/amendments/{amendment.Id}", amendment);
    }

    private static async Task<Ok<IReadOnlyList<AmendmentView>>> ListAsync(string bodyId, Guid documentId, ClaimsPrincipal user,
        Callers callers, AmendmentStore amendments, CancellationToken cancellationToken)
    {
        await callers.ReadableAsync(user, bodyId, documentId, cancellationToken, executive: true);
        var all = await amendments.ListAsync(documentId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AmendmentView>>(
            [.. all.Select(amendment => new AmendmentView(amendment, AmendmentRules.ConflictsOf(amendment, all),
                AmendmentRules.Changes(amendment)))]);
    }

    private static async Task<Results<Ok<Amendment>, ValidationProblem>> DecideAsync(string bodyId, Guid documentId, Guid amendmentId,
        AmendmentDecision decision, ClaimsPrincipal user, Amending amending, CancellationToken cancellationToken) =>
        decision.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await amending.DecideAsync(bodyId, documentId, amendmentId, decision, user.Actor(), cancellationToken));

    private static async Task<Ok<Amendment>> WithdrawAsync(string bodyId, Guid documentId, Guid amendmentId, ClaimsPrincipal user,
        Callers callers, Amending amending, CancellationToken cancellationToken) =>
        TypedResults.Ok(await amending.WithdrawAsync(bodyId, documentId, amendmentId,
            await callers.ResolveAsync(user, bodyId, documentId, cancellationToken), cancellationToken));
}
