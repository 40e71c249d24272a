using System.Globalization;

namespace Assemblee.Common.Rules;

/// <summary>
/// A rule a request's field must meet, named by a stable code as <see cref="RuleViolation"/> names a refused rule, so that a
/// client (the web application first) can say it in its reader's language: the message is the English an API caller reads,
/// the arguments fill the client's own words (a length, the allowed values).
/// </summary>
public sealed record FieldRule(string Code, string Message, params object[] Arguments)
{
    /// <summary>A required text: not blank, at most <paramref name="max"/> characters.</summary>
    public static FieldRule Text(int max) => new FieldRule("text", Said($"1 to {max:N0} characters."), max);

    /// <summary>An optional text of at most <paramref name="max"/> characters.</summary>
    public static FieldRule AtMost(int max) => new FieldRule("at-most", Said($"At most {max:N0} characters."), max);

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static FieldRule Between(int min, int max) => new FieldRule("between", Said($"Between {min:N0} and {max:N0}."), min, max);

    /// <summary>One of the API's values (which the client shows as it names them).</summary>
    public static FieldRule OneOf(IEnumerable<string> values)
    {
        var listed = string.Join(", ", values);
        return new FieldRule("one-of", $"One of {listed}.", listed);
    }

    private static string Said(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
