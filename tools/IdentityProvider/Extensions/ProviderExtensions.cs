using Assemblee.IdentityProvider.Protocol;
using Assemblee.IdentityProvider.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assemblee.IdentityProvider.Extensions;

public static class ProviderExtensions
{
    public static void AddIdentityProvider(this WebApplicationBuilder builder)
    {
        builder.AddHostingDefaults();
        builder.Services.AddSingleton<ProviderDirectory>();
        // OpenIddict keeps its applications and its authorization codes in a store; the clients come from configuration at each
        // start and a code lives a few minutes, so memory is enough for a provider that is never deployed.
        builder.Services.AddDbContext<ProviderStore>(options => options.UseInMemoryDatabase("identity-provider").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(Endpoints.Authorize).SetTokenEndpointUris(Endpoints.Token)
                    .SetUserInfoEndpointUris(Endpoints.UserInfo).SetEndSessionEndpointUris(Endpoints.EndSession);
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess);
                // An hour by default, as at most providers; shorter to see the web application renew its visitors' tokens.
                options.SetAccessTokenLifetime(builder.Configuration.GetValue("AccessTokenLifetime", TimeSpan.FromHours(1)));
                // Keys of one run: the services read them from the discovery document, as they would the city's provider's.
                // The services validate the access tokens themselves, so they are signed JWTs, not encrypted ones.
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                // Plain HTTP on the developer's machine, like every other resource of the AppHost.
                options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = SignInPage.Path;
            options.Cookie.Name = "assemblee-provider";
            options.Cookie.HttpOnly = true;
        });
        builder.Services.AddAntiforgery();
        builder.Services.AddHostedService<ClientRegistration>();
    }

    public static void MapIdentityProvider(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAntiforgery();
        app.MapHealthEndpoints();
        app.MapSignInPage();
        app.MapEndpoints();
    }
}
