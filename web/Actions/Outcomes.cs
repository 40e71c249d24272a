using System.Net;
using Assemblee.Web.Forms;
using Microsoft.Extensions.Localization;

namespace Assemblee.Web.Actions;

/// <summary>
/// What a page says after a form: the API's answer reduced to done, incomplete (400) or refused (any other), with the code of
/// a refused rule, carried in the address the form's action returns to (post, redirect, get).
/// </summary>
internal static class Outcomes
{
    public static readonly string[] All = ["ok", "incomplet", "refuse"];

    public static string Of(HttpStatusCode status) => status switch
    {
        HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.NoContent => "ok",
        HttpStatusCode.BadRequest => "incomplet",
        _ => "refuse",
    };

    /// <summary>The query a form's action returns with: ?{action}={outcome}, and &amp;regle={code} for a refused rule.</summary>
    public static string Query(string action, HttpStatusCode status, string? rule = null) => Of(status) is var outcome
        && outcome == "refuse" && rule is not null
        ? $"{action}={outcome}&regle={Uri.EscapeDataString(rule)}"
        : $"{action}={outcome}";

    /// <summary>What the page says: the refused rule in its own words when it knows the rule, else the form's outcome.</summary>
    public static string Words(IStringLocalizer texts, string action, string outcome, string? rule) =>
        (outcome == "refuse" ? Refusal.RuleWords(texts, rule, "") : null) ?? texts[$"Outcome.{action}.{outcome}"];
}
