namespace Assemblee.Membership.Domain;

/// <summary>A working group (atelier) of a promotion, with its theme, its work mandate and its capacity.</summary>
public sealed record Atelier(Guid Id, Guid PromotionId, string Name, string Theme, string Mandate, int Capacity, int Members);

public sealed record AtelierRequest(string Name, string Theme, string Mandate, int Capacity)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 120)
        {
            errors["name"] = ["A name of 1 to 120 characters is required."];
        }
        if (string.IsNullOrWhiteSpace(Theme) || Theme.Length > 500)
        {
            errors["theme"] = ["A theme of 1 to 500 characters is required."];
        }
        if (Mandate is null || Mandate.Length > 20_000)
        {
            errors["mandate"] = ["The work mandate is a text of at most 20,000 characters (it may be empty until adopted)."];
        }
        if (Capacity is < 1 or > 500)
        {
            errors["capacity"] = ["Capacity is 1 to 500 members."];
        }
        return errors;
    }
}

/// <summary>Roles in an atelier; the spokesperson and the rapporteur are one member each.</summary>
public static class AtelierRoles
{
    public const string Participant = "participant";
    public const string Spokesperson = "spokesperson";
    public const string Rapporteur = "rapporteur";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Participant, Spokesperson, Rapporteur };
}
