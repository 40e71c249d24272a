using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Common.Rules;

/// <summary>
/// The one validation style: collect every field's broken rules, then answer 400 with all of them at once. The problem's
/// <c>errors</c> give each field's messages (RFC 9457's usual shape); its <c>rules</c> give, in the same order, each
/// message's rule code and arguments, for a client that speaks its reader's language.
/// </summary>
public sealed class ValidationErrors : IReadOnlyDictionary<string, string[]>
{
    private readonly Dictionary<string, List<FieldRule>> broken = [];

    public ValidationErrors Require(bool valid, string field, FieldRule rule) => valid ? this : Add(field, rule);

    public ValidationErrors Add(string field, FieldRule rule)
    {
        (broken.TryGetValue(field, out var rules) ? rules : broken[field] = []).Add(rule);
        return this;
    }

    /// <summary>The rules <paramref name="field"/> broke, in the order they were checked.</summary>
    public IReadOnlyList<FieldRule> RulesOf(string field) => broken.TryGetValue(field, out var rules) ? rules : [];

    /// <summary>400 with every field's messages and rules.</summary>
    public ValidationProblem Problem(string? detail = null, string? title = null) =>
        TypedResults.ValidationProblem(this, detail, title: title, extensions: new Dictionary<string, object?>
        {
            ["rules"] = broken.ToDictionary(field => field.Key,
                field => field.Value.Select(rule => new BrokenRule(rule.Code, rule.Arguments)).ToArray()),
        });

    public string[] this[string key] => [.. broken[key].Select(rule => rule.Message)];

    public IEnumerable<string> Keys => broken.Keys;

    public IEnumerable<string[]> Values => Keys.Select(key => this[key]);

    public int Count => broken.Count;

    public bool ContainsKey(string key) => broken.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string[] value)
    {
        value = ContainsKey(key) ? this[key] : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string[]>> GetEnumerator() =>
        Keys.Select(key => KeyValuePair.Create(key, this[key])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A broken rule as the problem's <c>rules</c> carry it: its code and the arguments of its words.</summary>
public sealed record BrokenRule(string Code, object[] Arguments);
