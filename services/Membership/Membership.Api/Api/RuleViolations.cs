using System.Security.Claims;
using Assemblee.Membership.Data;

namespace Assemblee.Membership.Api;

/// <summary>Turns a refused membership rule into RFC 9457 problem details (404 or 409), for every endpoint of a group.</summary>
internal static class RuleViolations
{
    public static RouteGroupBuilder WithRuleViolationsAsProblems(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (MembershipRuleException ex)
            {
                return TypedResults.Problem(title: ex.Title, detail: ex.Message, statusCode: ex.Status);
            }
        });
        return group.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Who acts, for the history and the access log: the token's subject.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "unknown";

    /// <summary>A member's token carries their member id as subject (the identity provider provisions accounts from MemberConfirmed).</summary>
    public static Guid MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : throw MembershipRuleException.NotFound("This account is not linked to a member.");

    public static Dictionary<string, string[]> Require(this Dictionary<string, string[]> errors, bool valid, string field, string message)
    {
        if (!valid)
        {
            errors[field] = [message];
        }
        return errors;
    }
}
