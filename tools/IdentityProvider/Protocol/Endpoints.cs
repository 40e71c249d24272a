using System.Security.Claims;
using Assemblee.IdentityProvider.SignIn;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assemblee.IdentityProvider.Protocol;

/// <summary>
/// What OpenIddict leaves to the provider once it has checked a request against the protocol: who the signed-in person is
/// (authorization), what a token says (token), and what the web application may read of them (userinfo). The claims are the
/// ones the services read: sub, role, and one body claim per body, in the audience the services expect.
/// </summary>
internal static class Endpoints
{
    public const string Authorize = "connect/authorize";

    public const string Token = "connect/token";

    public const string UserInfo = "connect/userinfo";

    public const string EndSession = "connect/logout";

    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void MapEndpoints(this WebApplication app)
    {
        app.MapMethods($"/{Authorize}", [HttpMethods.Get, HttpMethods.Post],
            (HttpContext context, ProviderDirectory directory) => AuthorizeAsync(context, directory)).DisableAntiforgery();
        app.MapPost($"/{Token}", IssueAsync).DisableAntiforgery();
        app.MapMethods($"/{UserInfo}", [HttpMethods.Get, HttpMethods.Post],
            (Func<HttpContext, Task<IResult>>)UserInfoAsync).DisableAntiforgery();
        app.MapMethods($"/{EndSession}", [HttpMethods.Get, HttpMethods.Post],
            (Func<HttpContext, Task<IResult>>)EndSessionAsync).DisableAntiforgery();
    }

    /// <summary>A person not yet signed in here is sent to the sign-in page, and comes back to the same request afterwards.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, ProviderDirectory directory)
    {
        var request = context.GetOpenIddictServerRequest()!;
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (directory.Account(session.Principal?.FindFirstValue(Claims.Subject)) is not { } account)
        {
            var query = context.Request.HasFormContentType ? QueryString.Create(context.Request.Form) : context.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + query },
                [CookieAuthenticationDefaults.AuthenticationScheme]);
        }
        var identity = Identity(account.Subject, account.Role, account.Bodies);
        identity.SetScopes(request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, ProviderDirectory directory)
    {
        var request = context.GetOpenIddictServerRequest()!;
        if (request.IsClientCredentialsGrantType())
        {
            return directory.Client(request.ClientId) is { Role: { } role } client
                ? Results.SignIn(new ClaimsPrincipal(Identity(client.Id, role, client.Bodies)), authenticationScheme: Scheme)
                : Refused(Errors.UnauthorizedClient, "This client acts for people, not on its own behalf.");
        }
        // The code or the refresh token names the account signed in at the authorization endpoint. Its role and bodies are read
        // again, so that a change at the provider holds from the next renewal; an account removed since gets nothing.
        var granted = (await context.AuthenticateAsync(Scheme)).Principal;
        if (directory.Account(granted?.GetClaim(Claims.Subject)) is not { } account)
        {
            return Refused(Errors.InvalidGrant, "This account may no longer sign in.");
        }
        var identity = Identity(account.Subject, account.Role, account.Bodies);
        identity.SetScopes(granted!.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Scheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var principal = (await context.AuthenticateAsync(Scheme)).Principal!;
        return TypedResults.Ok(new Dictionary<string, object>
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject)!,
            [Claims.Role] = principal.GetClaims(Claims.Role),
            [Roles.BodyClaim] = principal.GetClaims(Roles.BodyClaim),
        });
    }

    /// <summary>
    /// Ends the person's session here and sends them back to the application's registered address (OpenIddict checks it
    /// against the client named by the identity token the application sends).
    /// </summary>
    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [Scheme]);
    }

    /// <summary>The identity every token of this provider carries, for the services' audience.</summary>
    private static ClaimsIdentity Identity(string subject, string role, string[] bodies)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Subject, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Role, role)
            .SetClaims(Roles.BodyClaim, [.. bodies]);
        identity.SetResources(AuthenticationExtensions.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return identity;
    }

    private static ForbidHttpResult Refused(string error, string description) => TypedResults.Forbid(new AuthenticationProperties(
        new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [Scheme]);
}
