using System.Security.Claims;
using Assemblee.Common.Rules;

namespace Assemblee.Common.Actors;

/// <summary>Who acts, as the history and the personal-data access log record them: the token's subject.</summary>
public static class CurrentActor
{
    public static string Actor(this ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "unknown";

    /// <summary>
    /// A member's token carries their member id as subject (the identity provider provisions accounts from MemberConfirmed).
    /// </summary>
    public static Guid MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value,
            out var id) ? id : throw RuleViolation.NotFound("This account is not linked to a member.");
}
