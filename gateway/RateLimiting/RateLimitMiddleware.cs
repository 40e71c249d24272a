using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assemblee.Gateway.RateLimiting;

/// <summary>
/// Limits each client: the subject of the bearer token or of the web application's sign-in cookie (<see cref="WebVisitors"/>),
/// otherwise the client address (from a trusted proxy's X-Forwarded-For, see <see cref="ClientAddresses"/>). Health probes are
/// not counted.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RedisRateLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath) ||
            context.Request.Path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath))
        {
            await next(context);
            return;
        }
        var subject = context.User.Identity?.IsAuthenticated == true
            ? context.User.FindFirst("sub")?.Value
            : await WebVisitors.SubjectAsync(context);
        var client = subject is not null ? "sub:" + subject : "ip:" + context.Connection.RemoteIpAddress;
        // Keys are hashed so that Redis never holds an address or a subject in clear.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(client)))[..32];
        if (limiter.TryAcquire(key) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(
                title: "Too many requests",
                detail: $"At most {limiter.PermitsPerWindow} requests a minute per client.",
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
