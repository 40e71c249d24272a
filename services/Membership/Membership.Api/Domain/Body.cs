namespace Assemblee.Membership.Domain;

/// <summary>A participatory body: the Citizens' Assembly, or another permanent body of the city.</summary>
public sealed record Body(string Id, string Name, string Kind, DateTimeOffset RegisteredAt);

public static class BodyKinds
{
    public const string CitizensAssembly = "citizens-assembly";

    /// <summary>The permanent bodies of DOMAIN.md; any other body registers as "other".</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        CitizensAssembly, "european-residents-council", "associations-council", "youth-council", "seniors-committee",
        "disability-council", "children-assembly", "other",
    };
}
