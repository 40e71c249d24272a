using System.Diagnostics;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Solvers;

namespace Assemblee.Sortition.Engine.Algorithms;

public sealed record LeximinOptions
{
    /// <summary>Duals above this mark the profiles fixed at a stage's optimum (the value used by Flanigan et al.).</summary>
    public double Epsilon { get; init; } = 5e-4;

    /// <summary>
    /// A stage ends when no panel improves the objective by more than this: by the Lagrangian bound its optimum is then
    /// within this of the exact one, well inside the 1e-4 to which probabilities are promised. (Flanigan et al. use
    /// their 5e-4 here too, which leaves probabilities up to 2e-4 off on Paris-like pools.)
    /// </summary>
    public double PricingGap { get; init; } = 1e-6;

    /// <summary>
    /// Fixed profiles are held this far below their stage's optimum, so that round-off rarely makes a later stage
    /// infeasible (when it does, a repair lowers them by their shortfall). It must be tiny: every fixed person frees this
    /// much probability, and the few one-person profiles of the late stages take it all. At 1e-7 (CLP's primal tolerance)
    /// the 2,000 people of a pool freed 2e-4, and a run ended 1.65e-4 from the exact LEXIMIN (`benchmarks/README.md`).
    /// </summary>
    public double FixingMargin { get; init; } = 1e-9;

    /// <summary>Warm-start rounds of multiplicative weights, per profile (the paper uses 3 per person), capped.</summary>
    public int WarmStartRoundsPerProfile { get; init; } = 3;

    public int MaxWarmStartRounds { get; init; } = 300;

    /// <summary>Where progress goes (stage, panels, timings), for operators and benchmarks; nothing personal.</summary>
    public Action<string>? Progress { get; init; }
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

    /// <summary>Pricing rounds per stage: the hardest Paris-like stages need a few hundred.</summary>
    private const int MaxPricingRounds = 5_000;

    /// <summary>
    /// How far below their stage's optimum fixed probabilities may be lowered to keep a later stage feasible before the
    /// run is declared failed: well inside the 1e-4 to which the probabilities are promised.
    /// </summary>
    private const double LargestRepair = 1e-5;

    /// <summary>
    /// A stage whose optimum is this close to one is the last: every profile left lies between that optimum and one, so
    /// fixing all of them there is exact to this bound, where stages of a profile or two each at 0.99998, 0.99999, … cost
    /// seconds apiece.
    /// </summary>
    private const double NearOne = 1e-5;

    /// <summary>Repairs per stage; past them the numerics are failing and the run stops with an error.</summary>
    private const int MaxRepairs = 8;

    /// <summary>Weight of the best duals so far when smoothing the LP's duals for pricing.</summary>
    private const double Smoothing = 0.5;

    /// <summary>Duals past this size mean a ray: the fixed probabilities are slightly too high to be met together.</summary>
    private const double LargestBox = 1e6;

    public static SelectionResult Select(SelectionProblem problem, LeximinOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        var pool = new ProfilePool(problem);
        var distribution = Compute(pool, options ?? new LeximinOptions());
        return new SelectionResult(Name, distribution.PersonProbabilities(pool), distribution, watch.Elapsed);
    }

    public static Distribution Compute(ProfilePool pool, LeximinOptions options)
    {
        using var finder = new PanelFinder(pool, pool.Problem.OneOfEachHousehold, options.PricingGap);
        var profiles = pool.Profiles.Count;
        var panels = new PanelSet();
        _ = finder.FindBest([.. pool.Profiles.Select(_ => 1.0)]) ?? throw new InfeasibleQuotasException(QuotaDiagnosis.Diagnose(pool));
        var watch = Stopwatch.StartNew();
        WarmStart(pool, finder, panels, options);
        options.Progress?.Invoke(
            $"{pool.Profiles.Count} profiles; warm start found {panels.All.Count} panels in {watch.Elapsed.TotalSeconds:F1} s");

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

        // One LP for all stages: fixing a profile changes its row, and the simplex goes on from its basis. Later
        // stages also have larger duals, so each starts from the box the previous one ended with.
        using var stage = StageProgram.Build(pool, panels.All, fixedAt, box: 1.0);
        while (fixedAt.Any(f => f is null))
        {
            var (value, duals) = SolveStage(pool, finder, panels, fixedAt, options, stage);
            var unfixed = Enumerable.Range(0, profiles).Where(t => fixedAt[t] is null).ToList();
            var positive = unfixed.Where(t => duals[t] > options.Epsilon).ToList();
            // Σ duals over unfixed profiles is 1, so some dual is large unless there are very many profiles. No one's
            // chance exceeds one: every profile left lies between the optimum and one, so near one all are fixed at once.
            var fixing = value >= 1 - NearOne ? unfixed : positive.Count > 0 ? positive : [unfixed.MaxBy(t => duals[t])];
            foreach (var t in fixing)
            {
                // A hair below the optimum, so that solver round-off rarely makes the next stage infeasible.
                fixedAt[t] = Math.Clamp(value - options.FixingMargin, 0, 1);
                stage.Fix(t, fixedAt[t]!.Value);
            }
            options.Progress?.Invoke($"stage: fixed {fixing.Count} profiles at {value:F5}; {fixedAt.Count(f => f is null)} left; "
                + $"{panels.All.Count} panels; {watch.Elapsed.TotalSeconds:F1} s");
        }
        return FinalDistribution(pool, panels, [.. fixedAt.Select(f => f!.Value)]);
    }

    /// <summary>Multiplicative weights: repeatedly take the heaviest panel and make its members lighter.</summary>
    internal static void WarmStart(ProfilePool pool, PanelFinder finder, PanelSet panels, LeximinOptions options)
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
    /// One stage: maximise z, the smallest probability among profiles not yet fixed, keeping fixed profiles at
    /// their value, over the panels found so far (columns λ_P, Σ λ_P ≤ 1); panels whose reduced cost is positive
    /// under the row duals y are priced in until none is. Rows are per profile, so the barrier's normal equations
    /// stay small however many panels there are. Elastic columns of cost B bound the duals by B (boxstep
    /// stabilisation, which keeps the early rounds from swinging); B grows fourfold as soon as one is used, so the
    /// answer is that of the unboxed stage. Pricing uses duals smoothed towards those with the best Lagrangian
    /// bound so far (Wentges), which halves the rounds of the late stages.
    /// </summary>
    private static (double Value, double[] Duals) SolveStage(
        ProfilePool pool, PanelFinder finder, PanelSet panels, double?[] fixedAt, LeximinOptions options, StageProgram stage)
    {
        var profiles = pool.Profiles.Count;
        var simplexTime = TimeSpan.Zero;
        var pricingTime = TimeSpan.Zero;
        var barrierTime = TimeSpan.Zero;
        double[]? center = null;
        var centerBound = double.PositiveInfinity;
        var repairs = 0;
        var startingBox = stage.Box;
        for (var round = 0; round < MaxPricingRounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var solution = stage.Lp.Solve(maximize: true, LpMethod.Simplex);
            simplexTime += Stopwatch.GetElapsedTime(started);
            if (solution.Status != LpStatus.Optimal)
            {
                // The elastic columns keep every stage feasible and bounded: any other answer is the solver failing.
                throw new LeximinFailedException(
                    $"the stage LP answered {solution.Status} with {fixedAt.Count(f => f is not null)} profiles fixed");
            }
            var elasticInUse = stage.Elastic.Any(e => solution.Columns[e] > 1e-9);
            if (elasticInUse && stage.Box > LargestBox)
            {
                // Even dear, elastic columns are in use: the fixed probabilities are a hair too high to be met together
                // (round-off of an earlier stage). Lower each by exactly its shortfall, within a bound, a few times at most.
                // Only while they are in use: once the widened box has freed them, a repair would lower nothing and only
                // restart the box (measured: ten simplex solves of a second each on a pool of 2,000).
                if (++repairs > MaxRepairs)
                {
                    throw new LeximinFailedException($"the fixed probabilities stayed infeasible after {MaxRepairs} repairs");
                }
                Repair(stage, solution, fixedAt, options);
                // Back to the box the stage started with, which the previous stage's duals fitted, not to one: widening
                // again from one took ten simplex solves of a relaxed LP (pool-1000-1: 54.6 → 47.4 s). Never closer
                // than three widenings to the limit, each with its pricing: a shortfall may be panels not found yet, and
                // a box left at the limit would repair again at once until the run failed.
                stage.SetBox(Math.Min(startingBox, LargestBox / 64));
                continue;
            }
            started = Stopwatch.GetTimestamp();
            var duals = Duals(solution, profiles);
            var bound = Math.Abs(solution.RowDuals[stage.Mass]) + options.PricingGap;
            // Price at duals smoothed towards the best so far (Wentges); when that finds nothing, at the LP's own.
            var added = center is null ? [] : PriceNewPanels(pool, finder, panels, Smooth(center, duals), duals, bound, fixedAt,
                ref center, ref centerBound);
            if (added.Count == 0)
            {
                added = PriceNewPanels(pool, finder, panels, duals, duals, bound, fixedAt, ref center, ref centerBound);
            }
            pricingTime += Stopwatch.GetElapsedTime(started);
            added.ForEach(stage.AddPanel);
            // An elastic column in use means the box cuts off the true duals: the LP is then solving a relaxed
            // stage, and panels priced for it are wasted. Widen the box at once.
            if (elasticInUse)
            {
                stage.SetBox(stage.Box * 4);
                continue;
            }
            if (added.Count > 0)
            {
                continue;
            }
            if (solution.Columns[stage.Z] >= 1 - NearOne)
            {
                // Everyone left is fixed at this optimum whatever their duals (see NearOne): no barrier to decide whom.
                Report(round);
                return (solution.Columns[stage.Z], duals);
            }
            // The simplex optimum is priced out. Barrier, on a copy so the simplex keeps its basis, gives the
            // interior duals that decide whom to fix; they must be priced out too.
            started = Stopwatch.GetTimestamp();
            using var interiorStage = StageProgram.Build(pool, panels.All, fixedAt, stage.Box);
            var interior = interiorStage.Lp.Solve(maximize: true, LpMethod.InteriorPoint);
            barrierTime += Stopwatch.GetElapsedTime(started);
            var interiorDuals = Duals(interior, profiles);
            var interiorBound = Math.Abs(interior.RowDuals[interiorStage.Mass]) + options.PricingGap;
            added = PriceNewPanels(pool, finder, panels, interiorDuals, interiorDuals, interiorBound,
                fixedAt, ref center, ref centerBound);
            if (added.Count == 0 && interior.Status == LpStatus.Optimal)
            {
                Report(round);
                // The value fixed is the simplex vertex's, exact to its primal tolerance. Barrier's own stops up to 1e-5
                // from the optimum either way on these dense LPs (fixing the lower of the two left probabilities 4e-5 off);
                // it only decides whom to fix.
                return (solution.Columns[stage.Z], interiorDuals);
            }
            added.ForEach(stage.AddPanel);
        }
        throw new LeximinFailedException($"a stage did not converge within {MaxPricingRounds} pricing rounds");

        void Report(int round) => options.Progress?.Invoke($"  {round + 1} rounds, simplex {simplexTime.TotalSeconds:F1} s, "
            + $"barrier {barrierTime.TotalSeconds:F1} s, pricing {pricingTime.TotalSeconds:F1} s");
    }

    /// <summary>Lowers each fixed profile whose elastic column is in use by what that column supplies.</summary>
    private static void Repair(StageProgram stage, LpSolution solution, double?[] fixedAt, LeximinOptions options)
    {
        var lowered = 0;
        for (var t = 0; t < fixedAt.Length; t++)
        {
            var shortfall = solution.Columns[stage.Elastic[t]];
            if (fixedAt[t] is not { } value || shortfall <= 0)
            {
                continue;
            }
            if (shortfall > LargestRepair)
            {
                throw new LeximinFailedException($"a fixed probability of {value:F6} fell short by {shortfall:E1}, more than round-off");
            }
            fixedAt[t] = Math.Max(0, value - shortfall - options.FixingMargin);
            stage.Fix(t, fixedAt[t]!.Value);
            lowered++;
        }
        options.Progress?.Invoke($"{lowered} fixed probabilities lowered by their shortfall (at most {LargestRepair:E0}) "
            + "to keep the stage feasible");
    }

    private static double[] Duals(LpSolution solution, int profiles) => [.. solution.RowDuals[..profiles].Select(Math.Abs)];

    private static double[] Smooth(double[] center, double[] duals) => [.. center.Select((c, t) =>
        (Smoothing * c) + ((1 - Smoothing) * duals[t]))];

    /// <summary>
    /// The heaviest panel under the <paramref name="search"/> duals and, while panels price in, a few more found by
    /// making the last panel's members lighter: each LP solve then brings several panels, which saves rounds. A panel
    /// is added when its reduced cost under the LP's <paramref name="duals"/> is positive. The heaviest panel also
    /// gives the stage's Lagrangian bound at <paramref name="search"/>; the duals with the best bound become the
    /// centre the next duals are smoothed towards.
    /// </summary>
    private static List<int[]> PriceNewPanels(ProfilePool pool, PanelFinder finder, PanelSet panels, double[] search, double[] duals,
        double bound,
        double?[] fixedAt, ref double[]? center, ref double centerBound)
    {
        const int ExtraPanels = 24;
        var weights = duals.Select((y, t) => y / pool.Profiles[t].Count).ToArray();
        var searchWeights = search.Select((y, t) => y / pool.Profiles[t].Count).ToArray();
        var added = new List<int[]>();
        for (var attempt = 0; attempt <= ExtraPanels; attempt++)
        {
            var panel = finder.FindBest(searchWeights)!;
            if (attempt == 0)
            {
                var lagrangian = panel.Select((x, t) => x * search[t] / pool.Profiles[t].Count).Sum() - search.Select((y, t) =>
                    y * (fixedAt[t] ?? 0)).Sum();
                if (lagrangian < centerBound)
                {
                    (center, centerBound) = (search, lagrangian);
                }
            }
            if (panel.Select((x, t) => x * weights[t]).Sum() <= bound || !panels.Add(panel))
            {
                break;
            }
            added.Add(panel);
            for (var t = 0; t < searchWeights.Length; t++)
            {
                if (panel[t] > 0)
                {
                    searchWeights[t] *= 0.8;
                }
            }
        }
        return added;
    }

    /// <summary>
    /// Panel weights giving every profile its fixed probability, within the smallest possible ε either way: fixed
    /// values sit a hair below the optimum, and the mass left over must be spread, not given to one person.
    /// </summary>
    private static Distribution FinalDistribution(ProfilePool pool, PanelSet panels, double[] fixedAt)
    {
        using var lp = new LinearProgram();
        var profiles = pool.Profiles.Count;
        for (var t = 0; t < profiles; t++)
        {
            lp.AddRow(fixedAt[t], LinearProgram.Infinity);
            lp.AddRow(-LinearProgram.Infinity, fixedAt[t]);
        }
        var mass = lp.AddRow(1, 1);
        lp.AddColumn(0, LinearProgram.Infinity, -1, Enumerable.Range(0, profiles).SelectMany(t => new[] { (2 * t, 1.0), ((2 * t) + 1,
            -1.0) }));
        var all = panels.All;
        foreach (var panel in all)
        {
            lp.AddColumn(0, LinearProgram.Infinity, 0, Enumerable.Range(0, profiles).Where(t => panel[t] > 0)
                .SelectMany(t => new[] { (2 * t, (double)panel[t] / pool.Profiles[t].Count), ((2 * t) + 1,
                    (double)panel[t] / pool.Profiles[t].Count) })
                .Append((mass, 1.0)));
        }
        var solution = lp.Solve(maximize: true, LpMethod.Simplex);
        if (solution.Status != LpStatus.Optimal)
        {
            throw new InvalidOperationException("The final LEXIMIN distribution could not be computed.");
        }
        var weights = solution.Columns[1..];
        var kept = Enumerable.Range(0, all.Count).Where(p => weights[p] > 1e-9).ToList();
        var total = kept.Sum(p => weights[p]);
        return new Distribution([.. kept.Select(p => all[p])], [.. kept.Select(p => weights[p] / total)]);
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

/// <summary>
/// The stage LP over the panels found so far: a row per profile (its probability, at least its fixed value, or at
/// least z while unfixed) and one for the total mass; columns z, the elastic columns and a column per panel.
/// </summary>
internal sealed class StageProgram : IDisposable
{
    private readonly ProfilePool _pool;

    private StageProgram(ProfilePool pool, LinearProgram lp, int z, int mass, int[] elastic, double box) =>
        (_pool, Lp, Z, Mass, Elastic, Box) = (pool, lp, z, mass, elastic, box);

    public LinearProgram Lp { get; }

    public int Z { get; }

    public int Mass { get; }

    public int[] Elastic { get; }

    /// <summary>The cost of the elastic columns, which bounds every dual.</summary>
    public double Box { get; private set; }

    public static StageProgram Build(ProfilePool pool, IEnumerable<int[]> panels, double?[] fixedAt, double box)
    {
        var profiles = pool.Profiles.Count;
        var lp = new LinearProgram();
        for (var t = 0; t < profiles; t++)
        {
            lp.AddRow(fixedAt[t] ?? 0, LinearProgram.Infinity);
        }
        var mass = lp.AddRow(-LinearProgram.Infinity, 1);
        var z = lp.AddColumn(0, LinearProgram.Infinity, 1, Enumerable.Range(0, profiles).Where(t => fixedAt[t] is null).Select(t => (t,
            -1.0)));
        var elastic = Enumerable.Range(0, profiles).Select(t => lp.AddColumn(0, LinearProgram.Infinity, -box, [(t, 1.0)])).ToArray();
        var stage = new StageProgram(pool, lp, z, mass, elastic, box);
        foreach (var panel in panels)
        {
            stage.AddPanel(panel);
        }
        return stage;
    }

    public void AddPanel(int[] panel) => Lp.AddColumn(0, LinearProgram.Infinity, 0,
        Enumerable.Range(0, panel.Length).Where(t => panel[t] > 0).Select(t => (t,
            (double)panel[t] / _pool.Profiles[t].Count)).Append((Mass, 1.0)));

    /// <summary>The profile's probability is held at <paramref name="value"/> from now on and no longer counts for z.</summary>
    public void Fix(int profile, double value)
    {
        Lp.SetRowLower(profile, value);
        Lp.SetCoefficient(profile, Z, 0);
    }

    public void SetBox(double box)
    {
        Box = box;
        foreach (var e in Elastic)
        {
            Lp.SetObjective(e, -box);
        }
    }

    public void Dispose() => Lp.Dispose();
}
