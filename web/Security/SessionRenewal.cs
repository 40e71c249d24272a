using System.Globalization;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Assemblee.Web.Security;

/// <summary>
/// Keeps a visitor signed in at the provider no longer than their access token is good. A provider's access tokens live
/// minutes to an hour, a secretariat's working day much longer: a minute before the token expires, the refresh token buys a
/// new one and the cookie is issued again with it. Without a refresh token, or when the provider refuses it (the account was
/// closed), the visitor is signed out here and the next page sends them to the provider again; the services never receive
/// an expired token from a visitor the application still shows as signed in. ASP.NET Core leaves this to the application.
/// </summary>
internal sealed class SessionRenewal(IOptionsMonitor<OpenIdConnectOptions> providers, IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Properties.GetTokenValue("expires_at") is not { } expiresAt ||
            !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires) ||
            time.GetUtcNow() < expires - Margin)
        {
            return;
        }
        if (context.Properties.GetTokenValue("refresh_token") is not { } refreshToken ||
            await RefreshAsync(refreshToken, context.HttpContext.RequestAborted) is not { } renewed)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.UpdateTokenValue(WebAuthentication.AccessToken, renewed.AccessToken!);
        context.Properties.UpdateTokenValue("expires_at",
            time.GetUtcNow().AddSeconds(renewed.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
        if (renewed.RefreshToken is { } rotated)
        {
            context.Properties.UpdateTokenValue("refresh_token", rotated);
        }
        if (renewed.IdentityToken is { } identityToken)
        {
            context.Properties.UpdateTokenValue("id_token", identityToken);
        }
        context.ShouldRenew = true;
    }

    private async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var provider = providers.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await provider.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var response = await httpClients.CreateClient(nameof(SessionRenewal)).RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = configuration.TokenEndpoint,
            ClientId = provider.ClientId!,
            ClientSecret = provider.ClientSecret,
            RefreshToken = refreshToken,
        }, cancellationToken);
        return response.IsError || response.AccessToken is null ? null : response;
    }
}
