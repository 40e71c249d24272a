using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Assemblee.ServiceDefaults.Authentication;

/// <summary>
/// The web application's sign-in cookie. The web issues it; the gateway reads it too, to count a signed-in visitor's
/// requests as that person's rather than their address's (the members at a plenary share the venue's one address).
/// </summary>
public static class WebSession
{
    public const string CookieName = "assemblee-session";

    /// <summary>The cookie authentication scheme, whose name is part of what protects the cookie.</summary>
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>
    /// One data-protection key ring, in Redis, for every program that writes or reads the cookie (and the web's antiforgery
    /// tokens): every web replica, and the next version deployed, reads what the others issued (in memory, a restart would
    /// sign everyone out and a form posted to another replica would be refused), and so does the gateway.
    /// </summary>
    public static void AddWebSessionKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("assemblee-web");
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "assemblee:web:data-protection-keys"));
    }
}
