using System.Security.Claims;
using Assemblee.ServiceDefaults.Authentication;

namespace Assemblee.Sessions.Domain;

/// <summary>
/// Who reads a session: anyone when it is public; otherwise the body's secretariat and members, the cluster's services, and the
/// executive for a hearing it takes part in (a guest of the hearing holds its account).
/// </summary>
public static class SessionAccess
{
    private static readonly string[] Insiders = [Roles.Secretariat, Roles.Member];

    public static bool IsInsider(ClaimsPrincipal user, string bodyId) =>
        GrpcBodyScope.Allows(user, bodyId, Insiders) || user.IsInRole(Roles.Service);

    public static bool CanRead(Session session, ClaimsPrincipal user) =>
        session.Public || IsInsider(user, session.BodyId) ||
        session.Kind == "hearing" && GrpcBodyScope.Allows(user, session.BodyId, [Roles.Executive]) &&
        user.FindFirst("sub")?.Value is { } subject && session.Guests.Any(guest => guest.Account == subject);
}
