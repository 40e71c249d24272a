using System.Diagnostics;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Solvers;

namespace Assemblee.Sortition.Engine.Algorithms;

public sealed record LeximinOptions
{
    /// <summary>Tolerance on duals and on the pricing gap (the value used by Flanigan et al.).</summary>
    public double Epsilon { get; init; } = 5e-4;

    /// <summary>Warm-start rounds of multiplicative weights, per profile (the paper uses 3 per person), capped.</summary>
    public int WarmStartRoundsPerProfile { get; init; } = 3;

    public int MaxWarmStartRounds { get; init; } = 300;
}

/// <summary>
/// LEXIMIN (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021): the lottery over quota-meeting panels that
/// maximises the smallest selection probability, then the next smallest, and so on. Each stage maximises the
/// smallest probability of the people not yet fixed by column generation on the dual LP (solved by barrier without
/// crossover), with an ILP that prices new panels; people whose dual is positive are fixed at the stage's optimum.
/// A final LP finds panel weights that give everyone their fixed probability.
/// </summary>
public static class Leximin
{
    public const string Name = "leximin";
    private const int MaxPricingRounds = 20_000;

    public static SelectionResult Select(SelectionProblem problem, LeximinOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        var pool = new ProfilePool(problem);
        var distribution = Compute(pool, options ?? new LeximinOptions());
        return new SelectionResult(Name, distribution.PersonProbabilities(pool), distribution, watch.Elapsed);
    }

    public static Distribution Compute(ProfilePool pool, LeximinOptions options)
    {
        using var finder = new PanelFinder(pool, pool.Problem.OneOfEachHousehold);
        var profiles = pool.Profiles.Count;
        var panels = new PanelSet();
        var first = finder.FindBest([.. pool.Profiles.Select(_ => 1.0)])
            ?? throw new InfeasibleQuotasException(QuotaDiagnosis.Diagnose(pool));
        panels.Add(first);
        WarmStart(pool, finder, panels, options);

        var fixedAt = new double?[profiles];
        // People who are on no feasible panel at all get probability zero from the start.
        for (var t = 0; t < profiles; t++)
        {
            if (!panels.Covers(t))
            {
                var unit = new double[profiles];
                unit[t] = 1;
                var panel = finder.FindBest(unit)!;
                if (panel[t] == 0)
                {
                    fixedAt[t] = 0;
                }
                else
                {
                    panels.Add(panel);
                }
            }
        }

        while (fixedAt.Any(f => f is null))
        {
            var (value, duals) = SolveStage(pool, finder, panels, fixedAt, options);
            var unfixed = Enumerable.Range(0, profiles).Where(t => fixedAt[t] is null).ToList();
            var positive = unfixed.Where(t => duals[t] > options.Epsilon).ToList();
            // Σ duals over unfixed profiles is 1, so some dual is large unless there are very many profiles.
            foreach (var t in positive.Count > 0 ? positive : [unfixed.MaxBy(t => duals[t])])
            {
                fixedAt[t] = Math.Clamp(value, 0, 1);
            }
        }
        return FinalDistribution(pool, panels, [.. fixedAt.Select(f => f!.Value)]);
    }

    /// <summary>Multiplicative weights: repeatedly take the heaviest panel and make its members lighter.</summary>
    private static void WarmStart(ProfilePool pool, PanelFinder finder, PanelSet panels, LeximinOptions options)
    {
        var profiles = pool.Profiles;
        var weights = profiles.Select(_ => 1.0).ToArray();
        var rounds = Math.Min(options.MaxWarmStartRounds, options.WarmStartRoundsPerProfile * profiles.Count);
        var people = pool.Problem.Pool.Count;
        for (var round = 0; round < rounds; round++)
        {
            var panel = finder.FindBest(weights)!;
            if (panels.Add(panel))
            {
                for (var t = 0; t < profiles.Count; t++)
                {
                    weights[t] *= 1 - (0.2 * panel[t] / profiles[t].Count);
                }
                var total = profiles.Sum(p => weights[p.Index] * p.Count);
                for (var t = 0; t < weights.Length; t++)
                {
                    weights[t] *= people / total;
                }
            }
            else
            {
                for (var t = 0; t < weights.Length; t++)
                {
                    weights[t] = (0.9 * weights[t]) + 0.1;
                }
            }
        }
    }

    /// <summary>
    /// One stage, in dual form: minimise ŷ − Σ_fixed f_t·y_t subject to Σ_unfixed y_t = 1 and, for every panel P,
    /// Σ_t y_t·x_{P,t}/c_t ≤ ŷ; panels that violate the last constraint are priced in until none does.
    /// </summary>
    private static (double Value, double[] Duals) SolveStage(
        ProfilePool pool, PanelFinder finder, PanelSet panels, double?[] fixedAt, LeximinOptions options)
    {
        var profiles = pool.Profiles.Count;
        for (var round = 0; round < MaxPricingRounds; round++)
        {
            var lp = new LinearProgram();
            for (var t = 0; t < profiles; t++)
            {
                lp.AddColumn(0, LinearProgram.Infinity, -(fixedAt[t] ?? 0));
            }
            var cap = lp.AddColumn(0, LinearProgram.Infinity, 1);
            lp.AddRow(Enumerable.Range(0, profiles).Where(t => fixedAt[t] is null).Select(t => (t, 1.0)), 1, 1);
            foreach (var panel in panels.All)
            {
                lp.AddRow(Enumerable.Range(0, profiles).Where(t => panel[t] > 0)
                    .Select(t => (t, (double)panel[t] / pool.Profiles[t].Count)).Append((cap, -1.0)), -LinearProgram.Infinity, 0);
            }
            var solution = lp.Solve(minimize: true, interiorPoint: true);
            if (solution.Status != LpStatus.Optimal)
            {
                // Fixed probabilities a hair too high make the stage infeasible: lower them all slightly.
                for (var t = 0; t < profiles; t++)
                {
                    fixedAt[t] = fixedAt[t] is { } f ? Math.Max(0, f - 1e-4) : null;
                }
                continue;
            }
            var duals = solution.Columns[..profiles];
            var weights = duals.Select((y, t) => y / pool.Profiles[t].Count).ToArray();
            var best = finder.FindBest(weights)!;
            var bestValue = best.Select((x, t) => x * weights[t]).Sum();
            if (bestValue <= solution.Columns[cap] + options.Epsilon || !panels.Add(best))
            {
                return (solution.Objective, duals);
            }
        }
        throw new InvalidOperationException($"LEXIMIN did not converge within {MaxPricingRounds} pricing rounds.");
    }

    /// <summary>Panel weights giving every profile its fixed probability, up to the smallest possible shortfall.</summary>
    private static Distribution FinalDistribution(ProfilePool pool, PanelSet panels, double[] fixedAt)
    {
        var lp = new LinearProgram();
        var all = panels.All;
        for (var p = 0; p < all.Count; p++)
        {
            lp.AddColumn(0, LinearProgram.Infinity, 0);
        }
        var shortfall = lp.AddColumn(0, LinearProgram.Infinity, 1);
        for (var t = 0; t < pool.Profiles.Count; t++)
        {
            var profile = t;
            lp.AddRow(Enumerable.Range(0, all.Count).Where(p => all[p][profile] > 0)
                .Select(p => (p, (double)all[p][profile] / pool.Profiles[profile].Count)).Append((shortfall, 1.0)), fixedAt[t], LinearProgram.Infinity);
        }
        lp.AddRow(Enumerable.Range(0, all.Count).Select(p => (p, 1.0)), 1, 1);
        var solution = lp.Solve(minimize: true, interiorPoint: false);
        if (solution.Status != LpStatus.Optimal)
        {
            throw new InvalidOperationException("The final LEXIMIN distribution could not be computed.");
        }
        var kept = Enumerable.Range(0, all.Count).Where(p => solution.Columns[p] > 1e-9).ToList();
        var total = kept.Sum(p => solution.Columns[p]);
        return new Distribution([.. kept.Select(p => all[p])], [.. kept.Select(p => solution.Columns[p] / total)]);
    }
}

/// <summary>The panels found so far, without duplicates.</summary>
internal sealed class PanelSet
{
    private readonly List<int[]> _panels = [];
    private readonly HashSet<string> _keys = [];
    private readonly HashSet<int> _covered = [];

    public IReadOnlyList<int[]> All => _panels;

    public bool Add(int[] panel)
    {
        if (!_keys.Add(string.Join(',', panel)))
        {
            return false;
        }
        _panels.Add(panel);
        for (var t = 0; t < panel.Length; t++)
        {
            if (panel[t] > 0)
            {
                _covered.Add(t);
            }
        }
        return true;
    }

    public bool Covers(int profile) => _covered.Contains(profile);
}
