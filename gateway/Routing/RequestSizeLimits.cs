using Assemblee.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Assemblee.Gateway.Routing;

/// <summary>
/// A body larger than its route allows (Gateway:Services:{name}:MaxRequestBodySize, Kestrel's 30 MB otherwise) gets a
/// 413 with problem details: refused before it is forwarded when its length is announced, and when it passes the limit
/// on the way, instead of the 400 or 502 the proxy would answer for a body it could not finish reading.
/// </summary>
public static class RequestSizeLimits
{
    public static void UseRequestSizeLimits(this IReverseProxyApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        var limit = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize
            ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit.Value);
            return;
        }
        await next();
        if (limit is { } passed && !context.Response.HasStarted
            && context.GetForwarderErrorFeature() is { Error: ForwarderError.RequestBodyClient } error
            && IsTooLarge(error.Exception))
        {
            context.Response.Clear();
            await TooLargeAsync(context, passed);
        }
    });

    private static bool IsTooLarge(Exception? exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTooLarge),
        { InnerException: { } inner } => IsTooLarge(inner),
        _ => false,
    };

    private static async Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = TooLargeRequests.Problem(limit),
        });
    }
}
