using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Assemblee.Gateway.RateLimiting;

/// <summary>
/// Who is signed in to the web application, read from its sign-in cookie with the web's own key ring. Pages carry that cookie,
/// not a bearer token; counted by address, the hundred members voting at a plenary on the venue's Wi-Fi (one address) would
/// share one client's quota.
/// </summary>
public static class WebVisitors
{
    public static void AddWebVisitors(this WebApplicationBuilder builder)
    {
        builder.Services.AddWebSessionKeyRing();
        // The web issues the keys; were both programs to make the first one at once, the ring would start with two.
        builder.Services.Configure<KeyManagementOptions>(options => options.AutoGenerateKeys = false);
        // Read only: the web issues the cookie, and without sliding expiration reading it never writes it again.
        builder.Services.AddAuthentication().AddCookie(WebSession.Scheme, options =>
        {
            options.Cookie.Name = WebSession.CookieName;
            options.SlidingExpiration = false;
        });
    }

    /// <returns>The signed-in visitor's subject, or null without a cookie or with one the web did not issue (or expired).</returns>
    public static async Task<string?> SubjectAsync(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey(WebSession.CookieName))
        {
            return null;
        }
        var result = await context.AuthenticateAsync(WebSession.Scheme);
        return result.Succeeded ? result.Principal.FindFirst("sub")?.Value : null;
    }
}
