using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Solvers;

/// <summary>
/// The pricing problem: among panels meeting every quota, the one with the largest total weight. Variables count
/// how many people of each profile sit on the panel.
/// </summary>
internal sealed class PanelFinder : IDisposable
{
    private readonly IntegerProgram _program = new();

    public PanelFinder(ProfilePool pool, bool oneOfEachHousehold = true)
    {
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

    /// <summary>The panel (people per profile) with the largest weight, or null when no panel meets the quotas.</summary>
    public int[]? FindBest(IReadOnlyList<double> weights)
    {
        // CBC's tolerances are absolute. Small weights are scaled up to about 1 so that small duals still steer the
        // search; large ones are not scaled down below 10 times themselves: CBC prunes what cannot beat its best panel
        // by 1e-5 (its cutoff increment), and LEXIMIN must see panels better by 1e-6 of a probability. (Scaled to 1, a
        // panel 2e-4 better was missed in late stages; a smaller increment trips an assertion inside CBC.)
        var largest = weights.Count == 0 ? 0 : weights.Max(Math.Abs);
        var scale = largest > 0 ? Math.Max(10, 1 / largest) : 1;
        var solution = _program.Solve([.. weights.Select(w => w * scale)], maximize: true);
        return solution is null ? null : [.. solution.Select(v => (int)Math.Round(v))];
    }

    public void Dispose() => _program.Dispose();
}
