using System.Text.RegularExpressions;

namespace Assemblee.Common.Bodies;

/// <summary>Body ids appear in URLs, tokens and gRPC requests of every service: lower-case words joined by hyphens.</summary>
public static partial class BodyIds
{
    public const string Rule = "lower-case letters, digits and single hyphens, at most 64 characters (e.g. youth-council)";

    public static bool IsValid(string id) => id.Length <= 64 && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
