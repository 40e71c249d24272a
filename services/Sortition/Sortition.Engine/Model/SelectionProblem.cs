namespace Assemblee.Sortition.Engine.Model;

/// <summary>Seats for one feature of a category (e.g. arrondissement 11e: 4 to 6 seats).</summary>
public sealed record Quota(string Category, string Feature, int Min, int Max);

/// <summary>A person in the pool: an id and one feature per category, in the problem's category order.</summary>
/// <param name="Household">People sharing a household; with the one-per-household rule at most one is selected.</param>
public sealed record Respondent(string Id, IReadOnlyList<string> Features, string? Household = null);

/// <summary>What a final draw must satisfy: a panel of <see cref="PanelSize"/> people meeting every quota.</summary>
public sealed record SelectionProblem(
    IReadOnlyList<string> Categories,
    IReadOnlyList<Quota> Quotas,
    IReadOnlyList<Respondent> Pool,
    int PanelSize,
    bool OneOfEachHousehold = false)
{
    /// <summary>Problems with the input itself (not with feasibility), each in words a secretariat understands.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PanelSize <= 0)
        {
            errors.Add("The panel size must be positive.");
        }
        if (PanelSize > Pool.Count)
        {
            errors.Add($"The panel size ({PanelSize}) exceeds the pool ({Pool.Count} people).");
        }
        foreach (var quota in Quotas)
        {
            if (!Categories.Contains(quota.Category))
            {
                errors.Add($"Quota {quota.Category}/{quota.Feature} names an unknown category.");
            }
            if (quota.Min < 0 || quota.Max < quota.Min)
            {
                errors.Add($"Quota {quota.Category}/{quota.Feature}: need 0 <= min <= max, got {quota.Min}..{quota.Max}.");
            }
        }
        foreach (var duplicate in Quotas.GroupBy(q => (q.Category, q.Feature)).Where(g => g.Count() > 1))
        {
            errors.Add($"Quota {duplicate.Key.Category}/{duplicate.Key.Feature} is given twice.");
        }
        foreach (var duplicate in Pool.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"Person {duplicate.Key} appears {duplicate.Count()} times.");
        }
        var known = Quotas.Select(q => (q.Category, q.Feature)).ToHashSet();
        foreach (var person in Pool)
        {
            if (person.Features.Count != Categories.Count)
            {
                errors.Add($"Person {person.Id} has {person.Features.Count} features for {Categories.Count} categories.");
                continue;
            }
            for (var c = 0; c < Categories.Count; c++)
            {
                if (!known.Contains((Categories[c], person.Features[c])))
                {
                    errors.Add($"Person {person.Id}: {Categories[c]} '{person.Features[c]}' has no quota.");
                }
            }
        }
        return errors;
    }
}
