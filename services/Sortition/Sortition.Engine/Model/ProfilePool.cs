namespace Assemblee.Sortition.Engine.Model;

/// <summary>People with the same features (and no housemate in the pool): interchangeable for every quota.</summary>
public sealed record Profile(int Index, IReadOnlyList<int> Members)
{
    public int Count => Members.Count;
}

/// <summary>A quota as a constraint over profiles.</summary>
public sealed record QuotaConstraint(int Index, Quota Quota, int Min, int Max, IReadOnlyList<int> Profiles);

/// <summary>
/// The pool grouped into profiles. LEXIMIN's probabilities are unique and symmetric, so people of one profile get
/// the same probability; solving over profiles instead of people gives the same result with far fewer variables.
/// Members of a multi-person household (under the one-per-household rule) keep a profile of their own.
/// </summary>
public sealed class ProfilePool
{
    public ProfilePool(SelectionProblem problem)
    {
        Problem = problem;
        var householdSizes = problem.OneOfEachHousehold
            ? problem.Pool.Where(p => p.Household is not null).GroupBy(p => p.Household!).ToDictionary(g => g.Key, g => g.Count())
            : [];
        var profiles = new List<List<int>>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < problem.Pool.Count; i++)
        {
            var person = problem.Pool[i];
            var shared = person.Household is { } h && householdSizes.GetValueOrDefault(h) > 1;
            var key = shared ? "\u0001" + person.Id : string.Join('\u0000', person.Features);
            if (!byKey.TryGetValue(key, out var index))
            {
                index = profiles.Count;
                byKey[key] = index;
                profiles.Add([]);
            }
            profiles[index].Add(i);
        }
        Profiles = [.. profiles.Select((members, index) => new Profile(index, members))];
        ProfileOf = new int[problem.Pool.Count];
        foreach (var profile in Profiles)
        {
            foreach (var member in profile.Members)
            {
                ProfileOf[member] = profile.Index;
            }
        }

        var categoryIndex = problem.Categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        Quotas = [.. problem.Quotas.Select((quota, index) => new QuotaConstraint(index, quota, quota.Min, quota.Max,
            [.. Profiles.Where(p => problem.Pool[p.Members[0]].Features[categoryIndex[quota.Category]] == quota.Feature).Select(p =>
                p.Index)]))];
        Households = problem.OneOfEachHousehold
            ? Profiles.Where(p => problem.Pool[p.Members[0]].Household is { } h && householdSizes[h] > 1)
                .GroupBy(p => problem.Pool[p.Members[0]].Household!)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(p => p.Index)])
            : [];
    }

    public SelectionProblem Problem { get; }

    public int PanelSize => Problem.PanelSize;

    public IReadOnlyList<Profile> Profiles { get; }

    public int[] ProfileOf { get; }

    public IReadOnlyList<QuotaConstraint> Quotas { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<int>> Households { get; }
}
