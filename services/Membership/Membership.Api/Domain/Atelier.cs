using Assemblee.Common.Rules;

namespace Assemblee.Membership.Domain;

/// <summary>A working group (atelier) of a promotion, with its theme, its work mandate and its capacity.</summary>
public sealed record Atelier(Guid Id, Guid PromotionId, string Name, string Theme, string Mandate, int Capacity, int Members);

public sealed record AtelierRequest(string Name, string Theme, string Mandate, int Capacity)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Name) && Name.Length <= 120, "name", FieldRule.Text(120))
        .Require(!string.IsNullOrWhiteSpace(Theme) && Theme.Length <= 500, "theme", FieldRule.Text(500))
        .Require(Mandate is { Length: <= 20_000 }, "mandate", new FieldRule("atelier-mandate",
            "The work mandate is a text of at most 20,000 characters (it may be empty until adopted)."))
        .Require(Capacity is >= 1 and <= 500, "capacity", new FieldRule("atelier-capacity", "Capacity is 1 to 500 members."));
}

/// <summary>Roles in an atelier; the spokesperson and the rapporteur are one member each.</summary>
public static class AtelierRoles
{
    public const string Participant = "participant";
    public const string Spokesperson = "spokesperson";
    public const string Rapporteur = "rapporteur";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Participant, Spokesperson, Rapporteur };
}
