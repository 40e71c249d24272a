using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assemblee.IdentityProvider.SignIn;

/// <summary>What a person sends from the sign-in page.</summary>
public sealed record Credentials(string? Identifier, string? Password, string? ReturnUrl);

/// <summary>The provider's own sign-in page: an identifier and a password, as at the city's provider, in French.</summary>
internal static class SignInPage
{
    public const string Path = "/connexion";

    public static void MapSignInPage(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, returnUrl, refused: false));
        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, ProviderDirectory directory,
            [FromForm] Credentials credentials) =>
        {
            if (directory.SignIn(credentials.Identifier, credentials.Password) is not { } account)
            {
                return Page(context, antiforgery, credentials.ReturnUrl, refused: true);
            }
            var identity = new ClaimsIdentity([new(Claims.Subject, account.Subject)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            // Only back to this provider's own authorization endpoint: the page sends nobody elsewhere.
            return Results.LocalRedirect(RedirectHttpResult.IsLocalUrl(credentials.ReturnUrl) ? credentials.ReturnUrl! : "/");
        });
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, bool refused)
    {
        var token = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var error = refused ? "<p role=\"alert\">Identifiant ou mot de passe incorrect.</p>" : "";
        return Results.Content($$"""
            <!DOCTYPE html>
            <html lang="fr">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Connexion – fournisseur d'identité de développement</title></head>
            <body>
            <main>
            <h1>Connexion</h1>
            {{error}}
            <form method="post" action="{{Path}}">
            <input type="hidden" name="{{html.Encode(token.FormFieldName)}}" value="{{html.Encode(token.RequestToken ?? "")}}">
            <input type="hidden" name="ReturnUrl" value="{{html.Encode(returnUrl ?? "")}}">
            <p><label for="identifier">Identifiant</label> <input id="identifier" name="Identifier" autocomplete="username" required></p>
            <p><label for="password">Mot de passe</label>
            <input id="password" name="Password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Se connecter</button></p>
            </form>
            </main>
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: refused ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }
}
