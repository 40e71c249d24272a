using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Web.Forms;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assemblee.Web.Security;

/// <summary>What a visitor sends from the development sign-in page: who, in which role, for which body, and where to go next.</summary>
public sealed record DevelopmentSignIn(string? Subject, string? Role, string? Body, string? ReturnUrl);

/// <summary>
/// Who the visitor is. The session is a cookie holding the visitor's claims and the access token that the services accept, so
/// that every API call is made with the visitor's own rights (<see cref="VisitorToken"/>). In production the city's OpenID
/// Connect provider (Identity:Authority) signs people in and issues that token; in Development, with no provider, the sign-in
/// page issues a development token for any role, as the gateway's /dev/token does.
/// </summary>
internal static class WebAuthentication
{
    public const string AccessToken = "access_token";

    /// <summary>A page for one body's members, secretariat or executive: the role and the body in the {bodyId} route value.</summary>
    public const string BodyMember = "body-member";

    public const string BodySecretariat = "body-secretariat";

    public const string BodyExecutive = "body-executive";

    public static bool UsesProvider(IConfiguration configuration) => configuration["Identity:Authority"] is not null;

    public static void AddWebAuthentication(this WebApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity");
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = UsesProvider(builder.Configuration)
                ? OpenIdConnectDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme;
        }).AddCookie(options =>
        {
            options.LoginPath = "/connexion";
            options.AccessDeniedPath = "/acces-refuse";
            options.Cookie.Name = WebSession.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // No longer than the development token it holds: past that, the services would refuse every call anyway. A provider's
            // session lasts as long as the provider renews its tokens (SessionRenewal).
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
            if (UsesProvider(builder.Configuration))
            {
                options.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<SessionRenewal>().ValidateAsync(context);
            }
        });
        if (UsesProvider(builder.Configuration))
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = identity["Authority"];
                options.ClientId = identity["ClientId"] ?? "assemblee-web";
                options.ClientSecret = identity["ClientSecret"];
                options.ResponseType = "code";
                // A refresh token, so that the session outlives the first access token (SessionRenewal).
                options.Scope.Add("offline_access");
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.TokenValidationParameters.NameClaimType = "sub";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
            });
        }
        builder.Services.AddAuthorization(options =>
        {
            options.AddPolicy(BodyMember, policy => policy.RequireRole(Roles.Member).AddRequirements(new BodyScopeRequirement()));
            options.AddPolicy(BodySecretariat,
                policy => policy.RequireRole(Roles.Secretariat).AddRequirements(new BodyScopeRequirement()));
            options.AddPolicy(BodyExecutive,
                policy => policy.RequireRole(Roles.Executive).AddRequirements(new BodyScopeRequirement()));
        });
        builder.Services.AddBodyScope();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<VisitorToken>();
        builder.Services.AddSingleton<SessionRenewal>();
        builder.Services.AddHttpClient(nameof(SessionRenewal));
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    public static void MapSignIn(this WebApplication app)
    {
        if (UsesProvider(app.Configuration))
        {
            // Signed out at the provider too: on a shared computer the next person to sign in must not find this one's session.
            app.MapPost("/deconnexion", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous()
                .RequireAntiforgeryToken();
            app.MapGet("/connexion/fournisseur", (string? retour) => Results.Challenge(new AuthenticationProperties
            {
                RedirectUri = IsLocal(retour) ? retour : "/",
            }, [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();
            return;
        }
        app.MapPost("/deconnexion", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).AllowAnonymous().RequireAntiforgeryToken();
        if (!app.Environment.IsDevelopment() || app.Configuration["Identity:SigningKey"] is not { } key)
        {
            return;
        }
        app.MapPost("/connexion/developpement", async (HttpContext context, [FromForm] DevelopmentSignIn form) =>
        {
            var role = Roles.All.Contains(form.Role) && form.Role != Roles.Service ? form.Role! : null;
            if (role is null || !IsIdentifier(form.Subject) || !IsIdentifier(form.Body))
            {
                return Results.LocalRedirect("/connexion?incomplet=1");
            }
            var (subject, body) = (form.Subject.Trim(), form.Body.Trim());
            var token = DevelopmentTokens.Create(key, subject, [role], [body]);
            var visitor = new ClaimsIdentity([new("sub", subject), new("role", role), new(Roles.BodyClaim, body)],
                CookieAuthenticationDefaults.AuthenticationScheme, "sub", "role");
            var properties = new AuthenticationProperties();
            properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = token }]);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(visitor), properties);
            return Results.LocalRedirect(IsLocal(form.ReturnUrl) && form.ReturnUrl!.Length <= MaxReturnUrlLength
                ? form.ReturnUrl : $"/{Uri.EscapeDataString(body)}");
        }).AllowAnonymous();
    }

    /// <summary>
    /// A subject or a body of at most 200 characters. The session cookie holds both twice (as claims and in the access token):
    /// an identifier of 70,000 characters made response headers larger than the gateway reads, and the visitor got a 502.
    /// </summary>
    private static bool IsIdentifier([NotNullWhen(true)] string? value) => !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 200;

    /// <summary>
    /// Where to go after signing in travels back in the Location header: one of 70,000 characters was more than the gateway reads
    /// (a 502). A longer one is not followed.
    /// </summary>
    private const int MaxReturnUrlLength = 2_000;

    /// <summary>
    /// Signing out takes the page's own form, as every other form does: ASP.NET Core checks the antiforgery token only where an
    /// endpoint reads a form, and these read none, so a page of another site could sign a visitor out.
    /// </summary>
    private static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().RequireValidTokenAsync(context.HttpContext);
            return await next(context);
        });

    /// <summary>
    /// Only a path of this site is followed after signing in or choosing a language: no link can send a visitor away. ASP.NET
    /// Core's own rule decides (as the identity provider's sign-in page does), without its "~/" form, which only LocalRedirect reads.
    /// </summary>
    public static bool IsLocal(string? url) => url is not null && !url.StartsWith('~') && RedirectHttpResult.IsLocalUrl(url);
}
