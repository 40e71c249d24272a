using System.Security.Claims;
using Grpc.Core;

namespace Assemblee.ServiceDefaults.Authentication;

/// <summary>
/// The gRPC twin of <see cref="AuthenticationExtensions.RequireBodyRoles{TBuilder}"/>: gRPC routes carry no {bodyId},
/// so a method checks the body named by its request (or owning what it asks for) once it knows it.
/// </summary>
public static class GrpcBodyScope
{
    /// <summary>Throws PERMISSION_DENIED unless the caller holds one of <paramref name="roles"/> for <paramref name="bodyId"/>.</summary>
    public static void Require(ServerCallContext context, string bodyId, params string[] roles)
    {
        if (!Allows(context.GetHttpContext().User, bodyId, roles))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The token's roles do not allow this call for body '{bodyId}'."));
        }
    }

    public static bool Allows(ClaimsPrincipal user, string bodyId, IEnumerable<string> roles) =>
        user.FindAll(Roles.BodyClaim).Any(claim => claim.Value == bodyId) && roles.Any(user.IsInRole);
}
