using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Assemblee.Gateway.RateLimiting;

public static class ClientAddresses
{
    /// <summary>
    /// The client address is taken from X-Forwarded-For only when the request comes from a proxy listed in
    /// Gateway:TrustedProxies (addresses or CIDR networks, e.g. the city's load balancers); anyone else could forge it
    /// to escape the rate limit. The framework trusts loopback by default, and every sender once its lists are emptied
    /// (as ASPNETCORE_FORWARDEDHEADERS_ENABLED, which Aspire sets, does): without configured proxies the headers are
    /// ignored altogether.
    /// </summary>
    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var trusted = builder.Configuration.GetSection("Gateway:TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = trusted.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in trusted)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }
}
