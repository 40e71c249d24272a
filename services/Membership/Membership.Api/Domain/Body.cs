namespace Assemblee.Membership.Domain;

/// <summary>
/// A participatory body: the Citizens' Assembly, or another permanent body of the city. <paramref name="ContactEmail"/> is
/// its secretariat's institutional mailbox, public like the body itself.
/// </summary>
public sealed record Body(string Id, string Name, string Kind, string? ContactEmail, DateTimeOffset RegisteredAt);

public static class BodyContacts
{
    /// <summary>One address, without a display name: what MailKit will put on the envelope.</summary>
    public static bool IsValid(string? email) =>
        email is { Length: <= 254 } && System.Net.Mail.MailAddress.TryCreate(email, out var address) && address.Address == email
        && address.DisplayName.Length == 0;
}

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
