using System.Net;

namespace Assemblee.Web.Actions;

/// <summary>What a page says after a form: the API's answer reduced to done, incomplete (400) or refused (any other).</summary>
internal static class Outcomes
{
    public static readonly string[] All = ["ok", "incomplet", "refuse"];

    public static string Of(HttpStatusCode status) => status switch
    {
        HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.NoContent => "ok",
        HttpStatusCode.BadRequest => "incomplet",
        _ => "refuse",
    };
}
