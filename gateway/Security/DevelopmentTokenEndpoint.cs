using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Gateway.Security;

public sealed record DevelopmentTokenRequest(string Subject, string[] Roles, string[] Bodies);

public sealed record DevelopmentTokenResponse(string AccessToken, string TokenType);

/// <summary>POST /dev/token: a signed token for any role, only in Development and only with a development key.</summary>
public static class DevelopmentTokenEndpoint
{
    public static void MapDevelopmentTokens(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || app.Configuration["Identity:SigningKey"] is not { } signingKey)
        {
            return;
        }
        app.MapPost("/dev/token", Results<Ok<DevelopmentTokenResponse>, ValidationProblem> (DevelopmentTokenRequest request) =>
        {
            var unknown = (request.Roles ?? []).Except(Roles.All).ToList();
            if (string.IsNullOrWhiteSpace(request.Subject) || unknown.Count > 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["request"] = [$"A subject is required; roles are among: {string.Join(", ", Roles.All)}."],
                });
            }
            var token = DevelopmentTokens.Create(signingKey, request.Subject, request.Roles ?? [], request.Bodies ?? []);
            return TypedResults.Ok(new DevelopmentTokenResponse(token, "Bearer"));
        })
        .WithTags("Development")
        .AllowAnonymous();
    }
}
