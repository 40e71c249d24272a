using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Instances;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Randomness;
using Assemblee.Sortition.Engine.Solvers;

namespace Assemblee.Sortition.Engine.Tests;

public sealed class LeximinTests
{
    [Theory]
    [InlineData("example_small_20", 20)]
    [InlineData("example_large_200", 200)]
    public void LEXIMIN_gives_everyone_in_the_public_instances_ten_percent_and_LEGACY_leaves_some_far_behind(string instance, int panelSize)
    {
        var problem = PublicInstances.Read(instance, panelSize);

        var leximin = Leximin.Select(problem);
        var legacy = Legacy.Select(problem, runs: 400, DrawRandom.FromText("legacy-test"));

        Assert.All(leximin.Probabilities, p => Assert.InRange(p, 0.099, 0.101));
        Assert.Equal(panelSize, leximin.Probabilities.Sum(), 6);
        Assert.True(legacy.MinProbability < 0.5 * leximin.MinProbability, $"LEGACY minimum {legacy.MinProbability}");
    }

    [Fact]
    public void A_pool_skewed_twice_over_towards_the_old_and_the_educated_runs_to_the_end_with_every_panel_meeting_every_quota()
    {
        var problem = ParisLikeInstance.Generate(1000, "skewed-test", skew: 2.2);
        double Share(int category, params string[] values) =>
            problem.Pool.Count(r => values.Contains(r.Features[category])) / (double)problem.Pool.Count;

        var leximin = Leximin.Select(problem);
        var legacy = Legacy.Select(problem, runs: 200, DrawRandom.FromText("skewed-legacy"));

        Assert.InRange(Share(3, "bac+5") / 0.42, 1.6, 3);
        Assert.InRange(Share(2, "55-69", "70+") / 0.33, 1.6, 3);
        Assert.Equal(problem.PanelSize, leximin.Probabilities.Sum(), 6);
        var pool = new ProfilePool(problem);
        Assert.All(leximin.Distribution!.Panels, panel => Assert.All(pool.Quotas, quota =>
            Assert.InRange(quota.Profiles.Sum(t => panel[t]), quota.Min, quota.Max)));
        Assert.True(leximin.MinProbability > legacy.MinProbability,
            $"LEXIMIN minimum {leximin.MinProbability}, LEGACY {legacy.MinProbability}");
    }

    [Fact]
    public void Pricing_finer_than_a_draws_survives_the_pool_on_which_a_heuristic_of_CBC_aborted_the_process()
    {
        // With CBC's RINS heuristic on, the 135th panel of this warm start, priced to 1e-7, failed an assertion inside CLP
        // and killed the process; a failure here ends the test run, not just this test.
        var pool = new ProfilePool(ParisLikeInstance.Generate(2000, "pool-2000-4", 2.2));
        using var finder = new PanelFinder(pool, pool.Problem.OneOfEachHousehold, precision: 1e-7);
        var panels = new PanelSet();

        Leximin.WarmStart(pool, finder, panels, new LeximinOptions());

        Assert.True(panels.All.Count > 135, $"the warm start should find more than 135 panels, found {panels.All.Count}");
    }

    [Fact]
    public void Quotas_no_panel_can_meet_get_a_diagnosis_naming_the_smallest_relaxation()
    {
        var problem = PublicInstances.Read("example_small_20", 20);
        // 15 women and 15 liberals plus 9 men do not fit in 20 seats when the only conservative woman is one person.
        var quotas = problem.Quotas.Select(q => q.Feature is "female" or "liberal" ? q with { Min = 15 } : q).ToList();

        var error = Assert.Throws<InfeasibleQuotasException>(() => Leximin.Select(problem with { Quotas = quotas }));

        Assert.NotEmpty(error.Diagnosis.Relaxations);
        Assert.All(error.Diagnosis.Relaxations, r => Assert.True(r.ToMin < r.FromMin || r.ToMax > r.FromMax));
        Assert.Contains(error.Diagnosis.Suggestions, s => s.StartsWith("Lower the minimum", StringComparison.Ordinal)
            || s.StartsWith("Raise the maximum", StringComparison.Ordinal));
    }
}
