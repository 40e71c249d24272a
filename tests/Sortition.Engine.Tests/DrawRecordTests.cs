using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Instances;
using Assemblee.Sortition.Engine.Lottery;
using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Tests;

/// <summary>A Paris-like pool solved once for the whole class (LEXIMIN takes most of a minute on it).</summary>
public sealed class ParisLikeDraw
{
    public ParisLikeDraw()
    {
        Problem = ParisLikeInstance.Generate(poolSize: 400, seed: "test-paris-like");
        Result = Leximin.Select(Problem);
        Prepared = DrawRecord.Prepare(Problem, Result, UniformLottery.DefaultPanelCount, substituteCount: 300,
            DateTimeOffset.Parse("2026-11-22T10:00:00Z"), "Paris-like test");
        Drawn = Prepared.Draw("4 2 6 1 3 5", "beacon-pulse-0f3a9c");
    }

    public SelectionProblem Problem { get; }

    public SelectionResult Result { get; }

    public DrawRecord Prepared { get; }

    public DrawRecord Drawn { get; }
}

public sealed class DrawRecordTests(ParisLikeDraw paris) : IClassFixture<ParisLikeDraw>
{
    [Fact]
    public void The_Paris_like_LEXIMIN_lottery_meets_every_quota_and_lifts_the_least_favoured_above_LEGACY()
    {
        var pool = new ProfilePool(paris.Problem);
        var legacy = Legacy.Select(paris.Problem, runs: 300, Assemblee.Sortition.Engine.Randomness.DrawRandom.FromText("legacy-paris"));

        Assert.NotNull(paris.Result.Distribution);
        Assert.Equal(1, paris.Result.Distribution.Weights.Sum(), 6);
        foreach (var panel in paris.Result.Distribution.Panels)
        {
            Assert.Equal(ParisLikeInstance.PanelSize, panel.Sum());
            Assert.All(pool.Quotas, quota => Assert.InRange(quota.Profiles.Sum(t => panel[t]), quota.Min, quota.Max));
        }
        Assert.Equal(ParisLikeInstance.PanelSize, paris.Result.Probabilities.Sum(), 4);
        Assert.True(paris.Result.MinProbability > legacy.MinProbability,
            $"LEXIMIN {paris.Result.MinProbability} vs LEGACY {legacy.MinProbability}");
    }

    [Fact]
    public void The_draw_seats_100_members_and_ordered_substitutes_meeting_every_quota_seat_groups_included()
    {
        var drawn = paris.Drawn;
        var indexOf = paris.Problem.Pool.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);

        Assert.Equal(100, drawn.Members!.Count);
        Assert.Empty(PanelRules.Violations(paris.Problem, [.. drawn.Members.Select(id => indexOf[id])]));
        var seatGroups = drawn.Members.GroupBy(id => paris.Problem.Pool[indexOf[id]].Features[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(80, seatGroups["electoral-list"]);
        Assert.Equal(15, seatGroups["citizen-card"]);
        Assert.Equal(5, seatGroups["minor"]);
        // Everyone not seated is a substitute, in drawn order.
        Assert.Equal(300, drawn.Substitutes!.Count);
        Assert.Empty(drawn.Substitutes.Intersect(drawn.Members));
        // Fairness included: LEXIMIN recomputed from the record gives what the record states.
        Assert.Empty(DrawVerifier.Verify(drawn));
    }

    [Fact]
    public void The_rounded_lottery_reproduces_every_probability_within_k_over_M()
    {
        var lottery = paris.Prepared.Panels.Select(panel => panel.Select(id => paris.Problem.Pool.ToList().FindIndex(p =>
            p.Id == id)).ToArray()).ToList();
        var probabilities = new UniformLottery(lottery).PersonProbabilities(paris.Problem.Pool.Count);

        Assert.Equal(1000, lottery.Count);
        var bound = 100.0 / 1000;
        Assert.All(probabilities.Select((p, i) => Math.Abs(p - paris.Result.Probabilities[i])), d => Assert.True(d <= bound,
            $"moved by {d}"));
        Assert.True(paris.Prepared.MaxDeviation < 0.02, $"largest move {paris.Prepared.MaxDeviation}");
    }

    [Theory]
    [InlineData("example_small_20", 20)]
    [InlineData("example_large_200", 200)]
    public void On_the_public_instances_the_lottery_of_1000_panels_keeps_everyone_at_ten_percent(string instance, int panelSize)
    {
        var problem = PublicInstances.Read(instance, panelSize);
        var record = DrawRecord.Prepare(problem, Leximin.Select(problem), 1000, 5, DateTimeOffset.UnixEpoch);
        var seats = record.Panels.SelectMany(panel => panel).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(problem.Pool, person => Assert.InRange(seats.GetValueOrDefault(person.Id) / 1000.0, 0.1 - (panelSize / 1000.0),
            0.1 + (panelSize / 1000.0)));
        Assert.All(problem.Pool, person => Assert.InRange(seats.GetValueOrDefault(person.Id) / 1000.0, 0.099, 0.101));
        Assert.Empty(DrawVerifier.Verify(record.Draw("1 2 3", "beacon")));
    }

    [Fact]
    public void The_same_dice_and_beacon_give_the_same_draw_and_other_dice_another()
    {
        var again = paris.Prepared.Draw("4 2 6 1 3 5", "beacon-pulse-0f3a9c");
        var other = paris.Prepared.Draw("4 2 6 1 3 6", "beacon-pulse-0f3a9c");

        Assert.Equal(paris.Drawn.Seed, again.Seed);
        Assert.Equal(paris.Drawn.Members, again.Members);
        Assert.Equal(paris.Drawn.Substitutes, again.Substitutes);
        Assert.NotEqual(paris.Drawn.Seed, other.Seed);
        Assert.NotEqual(paris.Drawn.Substitutes, other.Substitutes);
    }

    [Fact]
    public void Verify_refuses_a_record_whose_input_quota_seed_or_members_were_changed()
    {
        var drawn = paris.Drawn;
        var person = drawn.Pool[7];
        var changedPerson = drawn with
        {
            Pool = [.. drawn.Pool.Select(p => p == person ? p with { Features = [p.Features[0],
            p.Features[1] == "female" ? "male" : "female", .. p.Features.Skip(2)] } : p)]
        };
        var changedQuota = drawn with { Quotas = [.. drawn.Quotas.Select(q => q.Feature == "female" ? q with { Max = 52 } : q)] };
        var changedSeed = drawn with { Seed = new string('0', 64) };
        var changedDice = drawn with { Dice = "4 2 6 1 3 4" };
        var changedMembers = drawn with { Members = [.. drawn.Members!.Skip(1).Prepend(drawn.Substitutes![0])] };

        Assert.Contains(DrawVerifier.Verify(changedPerson, checkFairness: false),
            e => e.Contains("commitment", StringComparison.Ordinal) || e.Contains("Panel", StringComparison.Ordinal));
        Assert.Contains(DrawVerifier.Verify(changedQuota, checkFairness: false), e => e.Contains("commitment", StringComparison.Ordinal));
        Assert.Contains(DrawVerifier.Verify(changedSeed, checkFairness: false), e => e.Contains("seed", StringComparison.Ordinal));
        Assert.Contains(DrawVerifier.Verify(changedDice, checkFairness: false), e => e.Contains("seed", StringComparison.Ordinal));
        Assert.Contains(DrawVerifier.Verify(changedMembers, checkFairness: false), e => e.Contains("members", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_replacement_takes_the_first_substitute_that_keeps_every_quota_and_the_history_verifies()
    {
        var record = paris.Drawn;
        var indexOf = paris.Problem.Pool.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        bool Keeps(DrawRecord r, string leaving, string substitute) => PanelRules.Violations(paris.Problem,
            [.. r.CurrentMembers().Where(id => id != leaving).Append(substitute).Select(id => indexOf[id])]).Count == 0;
        bool Unused(DrawRecord r, string id) => !r.CurrentMembers().Contains(id) && r.Replacements!.All(x => x.Substitute != id);

        var replaced = 0;
        foreach (var member in paris.Drawn.Members!)
        {
            var (next, substitute) = record.Replace(member, "declined", DateTimeOffset.Parse("2026-12-01T09:00:00Z"));
            var expected = record.Substitutes!.FirstOrDefault(s => Unused(record, s) && Keeps(record, member, s));
            Assert.Equal(expected, substitute);
            if (substitute is null)
            {
                // Most quotas sit at a bound in a LEXIMIN panel: then no one is designated and nothing changes.
                Assert.Same(record, next);
                continue;
            }
            Assert.Empty(PanelRules.Violations(paris.Problem, [.. next.CurrentMembers().Select(id => indexOf[id])]));
            record = next;
            if (++replaced == 6)
            {
                break;
            }
        }

        Assert.Equal(6, record.Replacements!.Count);
        Assert.Empty(DrawVerifier.Verify(record, checkFairness: false));
        var forged = record with
        {
            Replacements = [.. record.Replacements.Take(5),
            record.Replacements[5] with { Substitute = record.Substitutes!.Last() }]
        };
        Assert.NotEmpty(DrawVerifier.Verify(forged, checkFairness: false));
    }
}

/// <summary>What <c>verify</c> establishes about fairness, beyond the record's consistency.</summary>
public sealed class DrawFairnessTests
{
    /// <summary>A prepared record of a public instance (200 people, panel 20): LEXIMIN takes a fraction of a second on it.</summary>
    private static readonly DrawRecord Small = Prepare(PublicInstances.Read("example_small_20", 20));

    [Fact]
    public void A_genuine_record_is_fair_and_consistent()
    {
        Assert.Empty(DrawVerifier.Verify(Small));
        Assert.Empty(DrawVerifier.Verify(Small.Draw("6 6 1", "beacon")));
    }

    [Fact]
    public void A_lottery_of_one_panel_repeated_with_probabilities_rewritten_and_commitment_recomputed_is_refused_naming_the_wronged()
    {
        var panel = Small.Panels[0];
        var seated = panel.ToHashSet(StringComparer.Ordinal);
        var forged = Small with
        {
            Panels = [.. Enumerable.Repeat(panel, Small.Panels.Count)],
            Pool = [.. Small.Pool.Select(person => person with { Probability = seated.Contains(person.Id) ? 1.0 : 0.0 })],
        };
        forged = forged with { Commitment = Commitments.Commitment(forged) };

        var consistency = DrawVerifier.Verify(forged, checkFairness: false);
        var fairness = DrawVerifier.Verify(forged);

        Assert.Empty(consistency);
        var wronged = Assert.Single(fairness, error => error.StartsWith("The lottery wrongs 180 people", StringComparison.Ordinal));
        var leftOut = Small.Pool.First(person => !seated.Contains(person.Id)).Id;
        Assert.Contains($"{leftOut} gets 0.00 % where LEXIMIN gives 10.00 % (short by 10.00 %)", wronged, StringComparison.Ordinal);
        Assert.Contains(fairness, error => error.StartsWith("200 recorded probabilities are not LEXIMIN's", StringComparison.Ordinal));
        Assert.Contains(fairness, error => error.StartsWith("The lottery's smallest probability, 0.00 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Probabilities_shifted_between_two_people_within_the_rounding_bound_are_still_refused_as_not_LEXIMIN()
    {
        var pool = Small.Pool.ToList();
        pool[0] = pool[0] with { Probability = pool[0].Probability - 0.005 };
        pool[1] = pool[1] with { Probability = pool[1].Probability + 0.005 };
        var shifted = Small with { Pool = pool };
        shifted = shifted with { Commitment = Commitments.Commitment(shifted) };

        Assert.Empty(DrawVerifier.Verify(shifted, checkFairness: false));
        Assert.Contains(DrawVerifier.Verify(shifted),
            error => error.StartsWith("2 recorded probabilities are not LEXIMIN's", StringComparison.Ordinal)
                && error.Contains($"{pool[0].Id} recorded 9.50 %, LEXIMIN 10.00 %", StringComparison.Ordinal));
    }

    private static DrawRecord Prepare(SelectionProblem problem) =>
        DrawRecord.Prepare(problem, Leximin.Select(problem), UniformLottery.DefaultPanelCount, substituteCount: 10,
            DateTimeOffset.Parse("2026-11-30T10:00:00Z"), "Fairness test");
}
