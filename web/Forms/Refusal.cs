using System.Globalization;
using System.Text.Json;
using Assemblee.Web.Clients;
using Microsoft.Extensions.Localization;

namespace Assemblee.Web.Forms;

/// <summary>
/// Why a form was refused: errors by field (the API's field names, with the rules they broke when the service names them), and
/// the service's words, with the code of the rule it applied, when it named no field.
/// </summary>
public sealed record Refusal(IReadOnlyDictionary<string, string[]> Errors, string? Problem, string? Code = null,
    IReadOnlyDictionary<string, BrokenRule[]>? Rules = null)
{
    public static readonly Refusal None = new(new Dictionary<string, string[]>(), null);

    public bool Refused => Errors.Count > 0 || Problem is not null;

    public static Refusal Of<T>(Submitted<T> submitted) where T : class =>
        submitted.Errors.Count > 0
            ? new(submitted.Errors, null, Rules: submitted.Rules)
            : new(None.Errors, submitted.Problem ?? "", submitted.Code);

    /// <summary>What a page shows after a step: the words saying it is done, or why the service refused it.</summary>
    public static (string? Done, Refusal Refusal) After<T>(Submitted<T> submitted, string done) where T : class =>
        submitted.Succeeded ? (done, None) : (null, Of(submitted));

    /// <summary>
    /// What <paramref name="field"/> was refused for, in the page's language: each broken rule by its code (Rule.{code} in the
    /// resources, its arguments filling {0}, {1}), the service's own words (English) for a rule the application has no text for.
    /// </summary>
    public IReadOnlyList<string> For(string field, IStringLocalizer texts)
    {
        var messages = Of(Errors, field) ?? [];
        var rules = Rules is null ? null : Of(Rules, field);
        return [.. messages.Select((message, i) => rules is not null && i < rules.Length ? Said(texts, rules[i]) ?? message : message)];
    }

    private static TValue? Of<TValue>(IReadOnlyDictionary<string, TValue> byField, string field) =>
        byField.FirstOrDefault(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// A broken rule in the page's language; null when the application has no text for its code, or when its text asks for
    /// arguments the service no longer gives (the service's own words are then shown rather than a broken page).
    /// </summary>
    public static string? Said(IStringLocalizer texts, BrokenRule rule)
    {
        if (texts[$"Rule.{rule.Code}"] is not { ResourceNotFound: false } said)
        {
            return null;
        }
        object?[] arguments = [.. (rule.Arguments ?? []).Select(Argument)];
        try
        {
            return string.Format(CultureInfo.CurrentCulture, said.Value, arguments);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A number stays a number, so that the page writes it as its language does (1 000 in French, 1,000 in English).</summary>
    private static object? Argument(JsonElement argument) =>
        argument.ValueKind == JsonValueKind.Number && argument.TryGetInt64(out var number) ? number : argument.ToString();

    /// <summary>
    /// How the page says the refusal: the refused rule in the page's language, by its code (Refusal.{code} in the resources,
    /// where {0} brings in the service's words when they name what to fix); the service's own words (English) for a rule the
    /// application does not know yet; the page's own words for a refusal that came without any.
    /// </summary>
    public string Words(IStringLocalizer texts, string refused) =>
        string.IsNullOrEmpty(Problem) ? refused : RuleWords(texts, Code, Problem) ?? Problem;

    /// <summary>A refused rule in the page's language, null when the application has no text for its code.</summary>
    public static string? RuleWords(IStringLocalizer texts, string? code, string serviceWords) =>
        code is not null && texts[$"Refusal.{code}", serviceWords] is { ResourceNotFound: false } said ? said.Value : null;
}
