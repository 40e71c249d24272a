using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Assemblee.Gateway.Security;

public static class EdgeSecurity
{
    public static void AddEdgeSecurity(this WebApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After", "grpc-status",
                "grpc-message")));
    }

    /// <summary>
    /// A request carrying a bearer token that does not validate is refused here, before it costs a service anything;
    /// requests without a token pass, and each service decides what anonymous callers may do.
    /// </summary>
    public static void UseEdgeTokenValidation(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!result.Succeeded && GrpcStatusResponse.IsGrpc(context.Request))
            {
                await GrpcStatusResponse.WriteAsync(context, Grpc.Core.StatusCode.Unauthenticated, "The bearer token is not valid.");
                return;
            }
            if (!result.Succeeded)
            {
                await TypedResults.Problem(
                    title: "Invalid token",
                    detail: "The bearer token is missing, expired or not signed by a trusted issuer.",
                    statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
            context.User = result.Principal;
        }
        await next(context);
    });
}
