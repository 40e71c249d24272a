using System.Text.RegularExpressions;

namespace Assemblee.Membership.Domain;

/// <summary>A participatory body: the Citizens' Assembly, or another permanent body of the city.</summary>
public sealed record Body(string Id, string Name, string Kind, DateTimeOffset RegisteredAt);

public static partial class BodyKinds
{
    public const string CitizensAssembly = "citizens-assembly";

    /// <summary>The permanent bodies of DOMAIN.md; any other body registers as "other".</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        CitizensAssembly, "european-residents-council", "associations-council", "youth-council", "seniors-committee",
        "disability-council", "children-assembly", "other",
    };

    /// <summary>Body ids appear in URLs and tokens: lower-case words joined by hyphens.</summary>
    public static bool IsValidId(string id) => id.Length <= 64 && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
