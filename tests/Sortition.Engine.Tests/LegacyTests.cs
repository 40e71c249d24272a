using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Engine.Tests;

/// <summary>LEGACY is offered for comparison with LEXIMIN; the comparison is honest only if its panels are valid.</summary>
public sealed class LegacyTests
{
    [Theory]
    [InlineData(150, 4, 22, "foundation-fixture-shape")]
    [InlineData(150, 4, 22, "second-seed")]
    [InlineData(150, 4, 22, "third-seed")]
    [InlineData(400, 5, 40, "five-categories-again")]
    [InlineData(200, 3, 20, "three-categories")]
    [InlineData(400, 5, 40, "five-categories")]
    public void Every_LEGACY_panel_meets_every_quota(int people, int categories, int panelSize, string seed)
    {
        var problem = GeneratedPool(people, categories, panelSize, DrawRandom.FromText(seed));

        var panels = Legacy.Panels(problem, runs: 200, DrawRandom.FromText("legacy-" + seed)).ToList();

        Assert.Equal(200, panels.Count);
        foreach (var panel in panels)
        {
            Assert.Equal(panelSize, panel.Distinct().Count());
            foreach (var quota in problem.Quotas)
            {
                var category = problem.Categories.ToList().IndexOf(quota.Category);
                var seated = panel.Count(person => problem.Pool[person].Features[category] == quota.Feature);
                Assert.InRange(seated, quota.Min, quota.Max);
            }
        }
    }

    /// <summary>
    /// People with independent, unevenly spread features (2 to 4 per category), and quotas tight around each feature's
    /// share of the pool, as a secretariat sets them.
    /// </summary>
    private static SelectionProblem GeneratedPool(int people, int categoryCount, int panelSize, DrawRandom random)
    {
        var categories = Enumerable.Range(0, categoryCount).Select(c => $"category-{c}").ToList();
        var featureCounts = categories.Select(_ => 2 + random.NextInt(3)).ToList();
        var weights = featureCounts.Select(count => Enumerable.Range(0, count).Select(_ => 1 + random.NextInt(4)).ToArray()).ToList();
        string Pick(int category)
        {
            var ticket = random.NextInt(weights[category].Sum());
            var feature = 0;
            while (ticket >= weights[category][feature])
            {
                ticket -= weights[category][feature++];
            }
            return $"f{feature}";
        }
        var pool = Enumerable.Range(0, people)
            .Select(i => new Respondent($"p{i}", [.. Enumerable.Range(0, categoryCount).Select(Pick)]))
            .ToList();
        var quotas = categories.SelectMany((category, c) => pool.GroupBy(p => p.Features[c]).Select(group =>
        {
            var share = (double)group.Count() / people * panelSize;
            return new Quota(category, group.Key, Math.Max(0, (int)Math.Floor(share) - 1), (int)Math.Ceiling(share) + 1);
        })).ToList();
        return new SelectionProblem(categories, quotas, pool, panelSize);
    }
}
