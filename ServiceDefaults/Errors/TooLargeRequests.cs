using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Assemblee.ServiceDefaults.Errors;

/// <summary>
/// A 413 says how many bytes the address accepts, whoever refused the body: the gateway before forwarding it, or a
/// service's server while reading it. A body the framework binds (JSON) past Kestrel's limit is refused with a bare 413
/// before our handler runs, which the status-code pages would answer with the title alone; an endpoint that reads its
/// body itself (sortition's lists) answers its own 413 with a detail, which this leaves alone.
/// </summary>
public static class TooLargeRequests
{
    public static ProblemDetails Problem(long limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "The request is too large",
        Detail = string.Create(CultureInfo.InvariantCulture, $"This address accepts at most {limit:N0} bytes."),
    };

    /// <summary>A <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>: a 413 without detail gets the limit in words.</summary>
    internal static void Describe(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is { Status: StatusCodes.Status413PayloadTooLarge, Detail: null }
            && context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit)
        {
            var described = Problem(limit);
            (context.ProblemDetails.Title, context.ProblemDetails.Detail) = (described.Title, described.Detail);
        }
    }
}
