using System.Text.Json.Serialization;
using Assemblee.Common.Rules;
using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Domain;

/// <summary>Seats drawn from one source list (Paris: 80 from the electoral lists, 15 citizen-card holders, 5 minors).</summary>
/// <param name="SourceList">The list its invitations are drawn from (the name used when importing it).</param>
/// <param name="Invitations">How many letters go to this group in stage 1.</param>
public sealed record SeatGroup(string Name, int Seats, string SourceList, int Invitations, int MinAge, int MaxAge);

/// <summary>Seats for one value of a category.</summary>
public sealed record QuotaRange(string Value, int Min, int Max);

/// <summary>A quota category (gender, age class, diploma, arrondissement, or any a body defines).</summary>
public sealed record CategorySpecification(string Name, IReadOnlyList<QuotaRange> Values);

/// <summary>An age class; when the specification has a category named "age", it is derived from the list's birth date.</summary>
public sealed record AgeClass(string Name, int MinAge, int MaxAge);

/// <summary>Everything a draw needs, fixed before it starts.</summary>
/// <param name="InvitationStrata">List columns the invitations are stratified by: arrondissement, sex, age-class.</param>
/// <param name="ReferenceDate">The date ages are computed at.</param>
/// <param name="SubstitutesValidUntil">Until then respondents not selected are kept as possible substitutes; then erased.</param>
public sealed record DrawSpecification(
    string Title,
    int PanelSize,
    IReadOnlyList<SeatGroup> SeatGroups,
    IReadOnlyList<CategorySpecification> Categories,
    IReadOnlyList<AgeClass> AgeClasses,
    IReadOnlyList<string> InvitationStrata,
    bool OneOfEachHousehold,
    int Substitutes,
    DateOnly ReferenceDate,
    DateTimeOffset ResponseDeadline,
    DateOnly SubstitutesValidUntil,
    int LotteryPanels = 1000)
{
    public const string SeatGroupCategory = "seat-group";
    public const string AgeCategory = "age";
    public static readonly IReadOnlyList<string> StrataColumns = ["arrondissement", "sex", "age-class"];

    /// <summary>Errors by field, in words a secretariat understands; empty when the specification can be used.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            errors.Add("title", FieldRule.Text(200));
        }
        if (PanelSize < 1 || PanelSize > 1000)
        {
            errors.Add("panelSize", FieldRule.Between(1, 1000));
        }
        if (SeatGroups is not { Count: > 0 })
        {
            errors.Add("seatGroups", new FieldRule("seat-groups-required",
                "At least one seat group (size, source list, invitations) is required."));
        }
        else
        {
            if (SeatGroups.Sum(g => g.Seats) is var seats && seats != PanelSize)
            {
                errors.Add("seatGroups", new FieldRule("seats-add-up",
                    $"The seat groups' seats add up to {seats}, not the panel size {PanelSize}.", seats, PanelSize));
            }
            foreach (var group in SeatGroups)
            {
                if (!IsName(group.Name) || !IsName(group.SourceList))
                {
                    errors.Add("seatGroups", new FieldRule("seat-group-names",
                        "Seat group and source list names are lower-case words with hyphens (e.g. electoral-list)."));
                }
                if (group.Seats < 1 || group.Invitations < group.Seats || group.MinAge < 0 || group.MaxAge < group.MinAge)
                {
                    errors.Add("seatGroups", new FieldRule("seat-group-sizes",
                        $"Seat group {group.Name}: need seats ≥ 1, invitations ≥ seats and 0 ≤ minAge ≤ maxAge.",
                        group.Name));
                }
            }
            if (SeatGroups.Select(g => g.Name).Distinct().Count() != SeatGroups.Count)
            {
                errors.Add("seatGroups", new FieldRule("seat-groups-differ", "Seat group names must differ."));
            }
        }
        foreach (var category in Categories ?? [])
        {
            if (!IsName(category.Name) || category.Name == SeatGroupCategory)
            {
                errors.Add("categories", new FieldRule("category-name",
                    $"Category '{category.Name}': use a lower-case name other than {SeatGroupCategory}.",
                    category.Name));
            }
            if (category.Values is not { Count: > 0 } || category.Values.Any(v => string.IsNullOrWhiteSpace(v.Value) || v.Min < 0
                || v.Max < v.Min))
            {
                errors.Add("categories", new FieldRule("category-values",
                    $"Category '{category.Name}': every value needs a name and 0 ≤ min ≤ max.",
                    category.Name));
            }
            else if (category.Values.Sum(v => v.Min) > PanelSize || category.Values.Sum(v => v.Max) < PanelSize)
            {
                errors.Add("categories", new FieldRule("category-bounds",
                    $"Category '{category.Name}': the minimums add up to more than the panel, or the maximums to less.",
                    category.Name));
            }
        }
        if (Categories?.Select(c => c.Name).Distinct().Count() != Categories?.Count)
        {
            errors.Add("categories", new FieldRule("categories-differ", "Category names must differ."));
        }
        if (Categories?.FirstOrDefault(c => c.Name == AgeCategory) is { } age &&
            !age.Values.Select(v => v.Value).Order().SequenceEqual((AgeClasses ?? []).Select(a => a.Name).Order()))
        {
            errors.Add("ageClasses", new FieldRule("age-category",
                "The age category's values must be the age classes, so that age can be derived from the list."));
        }
        foreach (var stratum in InvitationStrata ?? [])
        {
            if (!StrataColumns.Contains(stratum))
            {
                errors.Add("invitationStrata", FieldRule.OneOf(StrataColumns));
            }
            if (stratum == "age-class" && AgeClasses is not { Count: > 0 })
            {
                errors.Add("invitationStrata", new FieldRule("age-strata", "Stratifying by age-class needs the age classes."));
            }
        }
        if (Substitutes < 0)
        {
            errors.Add("substitutes", new FieldRule("substitutes", "The number of substitutes cannot be negative."));
        }
        if (LotteryPanels is < 1 or > 100_000)
        {
            errors.Add("lotteryPanels", FieldRule.Between(1, 100_000));
        }
        if (SubstitutesValidUntil < DateOnly.FromDateTime(ResponseDeadline.UtcDateTime))
        {
            errors.Add("substitutesValidUntil", new FieldRule("substitutes-expiry",
                "The substitute list cannot expire before the response deadline."));
        }
        return errors;
    }

    /// <summary>The quota categories of the final draw: seat groups first, then the specification's categories.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> QuotaCategories => [SeatGroupCategory, .. Categories.Select(c => c.Name)];

    /// <summary>The source lists, each once, in the order seat groups name them.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SourceLists => [.. SeatGroups.Select(g => g.SourceList).Distinct()];

    public IEnumerable<Quota> Quotas() =>
        SeatGroups.Select(g => new Quota(SeatGroupCategory, g.Name, g.Seats, g.Seats))
            .Concat(Categories.SelectMany(c => c.Values.Select(v => new Quota(c.Name, v.Value, v.Min, v.Max))));

    public int AgeAt(DateOnly birthDate)
    {
        var age = ReferenceDate.Year - birthDate.Year;
        return birthDate.AddYears(age) > ReferenceDate ? age - 1 : age;
    }

    public string? AgeClassOf(DateOnly birthDate)
    {
        var age = AgeAt(birthDate);
        return AgeClasses.FirstOrDefault(a => age >= a.MinAge && age <= a.MaxAge)?.Name;
    }

    private static bool IsName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '+');
}
