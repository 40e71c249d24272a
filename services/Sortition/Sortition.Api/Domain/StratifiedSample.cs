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
    /// <param name="strata">Each stratum's number and its items (list lines) in list order, by ascending stratum number.</param>
    /// <returns>The chosen items with their stratum.</returns>
    public static List<(int Stratum, int Item)> Select(IReadOnlyList<(int Stratum, int[] Items)> strata, int count, DrawRandom random)
    {
        var total = strata.Sum(s => s.Items.Length);
        var shares = strata.Select(s => (double)count * s.Items.Length / total).ToArray();
        var allocation = shares.Select(s => (int)Math.Floor(s)).ToArray();
        var remaining = Math.Min(count, total) - allocation.Sum();
        foreach (var s in Enumerable.Range(0, strata.Count).OrderByDescending(s => shares[s] - allocation[s]).ThenBy(s =>
            s).Take(remaining))
        {
            allocation[s]++;
        }

        var chosen = new List<(int, int)>(count);
        for (var s = 0; s < strata.Count; s++)
        {
            var (stratum, items) = strata[s];
            var take = Math.Min(allocation[s], items.Length);
            for (var i = 0; i < take; i++)
            {
                var j = i + random.NextInt(items.Length - i);
                (items[i], items[j]) = (items[j], items[i]);
                chosen.Add((stratum, items[i]));
            }
        }
        return chosen;
    }
}
