using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>A body's quorum rule (the secretariat sets it) and a session's quorum now.</summary>
public static class QuorumApi
{
    public static IEndpointRouteBuilder MapQuorumApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/sessions/bodies/{bodyId}").WithTags("Quorum").ProducesRuleViolations();
        // A body's rules of deliberation are public.
        body.MapGet("/quorum-rule", RuleAsync).WithName("GetQuorumRule").AllowAnonymous();
        body.MapPut("/quorum-rule", SetRuleAsync).WithName("SetQuorumRule")
            .WithSummary("Sets the share of the active members who must be present (percent).").RequireBodyRoles(Roles.Secretariat);
        body.MapGet("/sessions/{sessionId:guid}/quorum", OfSessionAsync).WithName("GetSessionQuorum")
            .WithSummary("The session's quorum now: active members concerned, present, required, reached.")
            .RequireBodyRoles(Roles.Secretariat, Roles.Member);
        return app;
    }

    private static async Task<Ok<QuorumRule>> RuleAsync(string bodyId, Quorums quorums, CancellationToken cancellationToken) =>
        TypedResults.Ok(await quorums.RuleAsync(bodyId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> SetRuleAsync(string bodyId, QuorumRule rule, ClaimsPrincipal user,
        Quorums quorums, CancellationToken cancellationToken)
    {
        if (rule.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        await quorums.SetRuleAsync(bodyId, rule, user.Actor(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<QuorumState>> OfSessionAsync(string bodyId, Guid sessionId, Quorums quorums,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await quorums.OfSessionAsync(bodyId, sessionId, cancellationToken));
}
