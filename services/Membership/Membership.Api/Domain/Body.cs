using Assemblee.Common.Rules;

namespace Assemblee.Membership.Domain;

/// <summary>
/// A participatory body: the Citizens' Assembly, or another permanent body of the city, with two institutional mailboxes,
/// public like the body itself: its secretariat's and that of the executive's office it deals with.
/// </summary>
public sealed record Body(string Id, string Name, string Kind, BodyMailboxes Mailboxes, DateTimeOffset RegisteredAt);

/// <param name="Contact">The secretariat's: the body's Veille et Interpellation alerts and answers go there.</param>
/// <param name="Executive">The executive office's: told of the questions and texts the body submits.</param>
public sealed record BodyMailboxes(string? Contact, string? Executive)
{
    public static BodyMailboxes None { get; } = new(null, null);
}

public static class BodyContacts
{
    public static readonly FieldRule Rule = new FieldRule("mailbox", "One e-mail address (name@domain), without a display name.");

    /// <summary>One address, without a display name: what MailKit will put on the envelope.</summary>
    public static bool IsValid(string? email) =>
        email is { Length: <= 254 } && System.Net.Mail.MailAddress.TryCreate(email, out var address) && address.Address == email
        && address.DisplayName.Length == 0;

    /// <summary>Each mailbox given is one plain address; a missing one is fine.</summary>
    public static ValidationErrors Validate(this ValidationErrors errors, BodyMailboxes? mailboxes,
        string prefix = "") => errors
        .Require(mailboxes?.Contact is null || IsValid(mailboxes.Contact), $"{prefix}contact", Rule)
        .Require(mailboxes?.Executive is null || IsValid(mailboxes.Executive), $"{prefix}executive", Rule);
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
