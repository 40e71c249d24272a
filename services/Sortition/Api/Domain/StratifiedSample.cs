using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// Stage 1 sampling, reproducible from its seed: strata in ascending order of their number; each stratum gets n·size/total
/// invitations rounded down, the remaining ones going to the largest fractional parts (ties: stratum order); within a
/// stratum, rows in list order are drawn by a partial Fisher–Yates shuffle (for i = 0…k−1, swap i with
/// i + NextInt(size − i)) using <see cref="DrawRandom"/>.
/// </summary>
public static class StratifiedSample
{
    /// <returns>The chosen positions in <paramref name="strata"/>, and the number of strata.</returns>
    public static (List<int> Chosen, int Strata) Select(IReadOnlyList<int> strata, int count, DrawRandom random)
    {
        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < strata.Count; i++)
        {
            if (!groups.TryGetValue(strata[i], out var members))
            {
                groups[strata[i]] = members = [];
            }
            members.Add(i);
        }
        var sizes = groups.Values.Select(g => g.Count).ToArray();
        var shares = sizes.Select(size => (double)count * size / strata.Count).ToArray();
        var allocation = shares.Select(s => (int)Math.Floor(s)).ToArray();
        var remaining = Math.Min(count, strata.Count) - allocation.Sum();
        foreach (var s in Enumerable.Range(0, sizes.Length).OrderByDescending(s => shares[s] - allocation[s]).ThenBy(s => s).Take(remaining))
        {
            allocation[s]++;
        }

        var chosen = new List<int>(count);
        var index = 0;
        foreach (var members in groups.Values)
        {
            var take = Math.Min(allocation[index++], members.Count);
            for (var i = 0; i < take; i++)
            {
                var j = i + random.NextInt(members.Count - i);
                (members[i], members[j]) = (members[j], members[i]);
                chosen.Add(members[i]);
            }
        }
        return (chosen, groups.Count);
    }
}
