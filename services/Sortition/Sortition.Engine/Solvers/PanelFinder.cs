using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Solvers;

/// <summary>
/// The pricing problem: among panels meeting every quota, the one with the largest total weight. Variables count
/// how many people of each profile sit on the panel.
/// </summary>
internal sealed class PanelFinder : IDisposable
{
    private readonly IntegerProgram _program = new();
    private readonly double _precision;

    /// <param name="pool">The profiles, the panel's size and the quotas.</param>
    /// <param name="oneOfEachHousehold">Whether a panel holds at most one person of a household.</param>
    /// <param name="precision">By how much at most another panel may beat the one found (LEXIMIN's pricing gap).</param>
    public PanelFinder(ProfilePool pool, bool oneOfEachHousehold, double precision)
    {
        _precision = precision;
        foreach (var profile in pool.Profiles)
        {
            _program.AddColumn(0, profile.Count);
        }
        _program.AddRow(pool.Profiles.Select(p => (p.Index, 1.0)), pool.PanelSize, pool.PanelSize);
        foreach (var quota in pool.Quotas)
        {
            _program.AddRow(quota.Profiles.Select(t => (t, 1.0)), quota.Min, quota.Max);
        }
        if (oneOfEachHousehold)
        {
            foreach (var profiles in pool.Households.Values)
            {
                _program.AddRow(profiles.Select(t => (t, 1.0)), 0, 1);
            }
        }
    }

    /// <summary>
    /// The panel (people per profile) with the largest weight, or null when no panel meets the quotas; no panel beats it by
    /// more than the finder's precision.
    /// </summary>
    public int[]? FindBest(IReadOnlyList<double> weights)
    {
        // CBC's tolerances are absolute: it prunes what cannot beat its best panel by 1e-5 (its cutoff increment), so the
        // weights are scaled until that is the precision asked for, and small ones up to about 1 so that small duals still
        // steer the search. (Unscaled, panels 2e-4 better were missed in LEXIMIN's late stages; a smaller increment trips
        // an assertion inside CBC.)
        var largest = weights.Count == 0 ? 0 : weights.Max(Math.Abs);
        var scale = largest > 0 ? Math.Max(1e-5 / _precision, 1 / largest) : 1;
        var solution = _program.Solve([.. weights.Select(w => w * scale)], maximize: true);
        return solution is null ? null : [.. solution.Select(v => (int)Math.Round(v))];
    }

    public void Dispose() => _program.Dispose();
}
