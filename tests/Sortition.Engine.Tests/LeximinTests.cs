using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Randomness;

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
    public void Quotas_no_panel_can_meet_get_a_diagnosis_naming_the_smallest_relaxation()
    {
        var problem = PublicInstances.Read("example_small_20", 20);
        // 15 women and 15 liberals plus 9 men do not fit in 20 seats when the only conservative woman is one person.
        var quotas = problem.Quotas.Select(q => q.Feature is "female" or "liberal" ? q with { Min = 15 } : q).ToList();

        var error = Assert.Throws<InfeasibleQuotasException>(() => Leximin.Select(problem with { Quotas = quotas }));

        Assert.NotEmpty(error.Diagnosis.Relaxations);
        Assert.All(error.Diagnosis.Relaxations, r => Assert.True(r.ToMin < r.FromMin || r.ToMax > r.FromMax));
        Assert.Contains(error.Diagnosis.Suggestions, s => s.StartsWith("Lower the minimum", StringComparison.Ordinal) || s.StartsWith("Raise the maximum", StringComparison.Ordinal));
    }
}
