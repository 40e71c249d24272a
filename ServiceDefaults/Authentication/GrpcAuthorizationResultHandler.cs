using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Assemblee.ServiceDefaults.Authentication;

/// <summary>
/// A gRPC caller refused by authorization gets a gRPC answer (UNAUTHENTICATED or PERMISSION_DENIED in a trailers-only
/// response), not an HTTP 401 or 403 with a problem+json body that gRPC clients cannot read. REST keeps the default.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (GrpcStatusResponse.IsGrpc(context.Request) && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            return authorizeResult.Challenged
                ? GrpcStatusResponse.WriteAsync(context, StatusCode.Unauthenticated, "A valid bearer token is required.")
                : GrpcStatusResponse.WriteAsync(context, StatusCode.PermissionDenied,
                    "The token's roles do not allow this call for this body.");
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>Answers a gRPC request with a status and no message, as gRPC servers do before a call starts.</summary>
public static class GrpcStatusResponse
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, StatusCode status, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
