using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Assemblee.ServiceDefaults.Authentication;

/// <summary>
/// JWT bearer authentication. In production "Identity:Authority" names the city's OpenID Connect provider; in
/// development and tests "Identity:SigningKey" is a shared HMAC key (the AppHost generates one) with which
/// <see cref="DevelopmentTokens"/> signs tokens.
/// </summary>
public static class AuthenticationExtensions
{
    public const string Issuer = "assemblee";
    public const string Audience = "assemblee";

    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Audience = identity["Audience"] ?? Audience;
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = "role";
            if (identity["Authority"] is { } authority)
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
            }
            else if (identity["SigningKey"] is { } key)
            {
                options.TokenValidationParameters.ValidIssuer = Issuer;
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
            }
            else
            {
                // Without a configured issuer no token can be valid: every protected endpoint refuses.
                options.TokenValidationParameters.IssuerSigningKey =
                    new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            }
        });
        builder.Services.AddAuthorization();
        builder.Services.AddBodyScope();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler,
            GrpcAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>Makes <see cref="BodyScopeRequirement"/> work: the service's endpoints and the web application's pages use it.</summary>
    public static IServiceCollection AddBodyScope(this IServiceCollection services) =>
        services.AddSingleton<IAuthorizationHandler, BodyScopeHandler>();

    /// <summary>Allows callers holding one of <paramref name="roles"/>, whatever their body.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder,
        params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(roles));

    /// <summary>Allows callers holding one of <paramref name="roles"/> for the body named by the {bodyId} route value.</summary>
    public static TBuilder RequireBodyRoles<TBuilder>(this TBuilder builder,
        params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(roles).AddRequirements(new BodyScopeRequirement()));
}

public sealed class BodyScopeRequirement : IAuthorizationRequirement;

/// <summary>Succeeds when the token names the body in the request's {bodyId} route value (route values ignore case).</summary>
internal sealed class BodyScopeHandler : AuthorizationHandler<BodyScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BodyScopeRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http?.Request.RouteValues["bodyId"] is string bodyId &&
            context.User.FindAll(Roles.BodyClaim).Any(claim => claim.Value == bodyId))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
