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
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The token's roles do not allow this call for body '{bodyId}'."));
        }
    }

    public static bool Allows(ClaimsPrincipal user, string bodyId, IEnumerable<string> roles) =>
        user.FindAll(Roles.BodyClaim).Any(claim => claim.Value == bodyId) && roles.Any(user.IsInRole);
}

/// <summary>For internal gRPC methods that serve named services (their own credential) rather than users.</summary>
public static class GrpcServiceScope
{
    /// <summary>
    /// The calling service; PERMISSION_DENIED unless it holds the service role and is one of <paramref name="services"/>.
    /// </summary>
    public static string Require(ServerCallContext context, params string[] services)
    {
        var user = context.GetHttpContext().User;
        // Providers name a client-credentials caller in azp or client_id; the development token names it in sub.
        var caller = user.FindFirst("azp")?.Value ?? user.FindFirst("client_id")?.Value ?? user.FindFirst("sub")?.Value;
        if (!user.IsInRole(Roles.Service) || caller is null || !services.Contains(caller))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Only the {string.Join(", ", services)} service may call this method."));
        }
        return caller;
    }
}
