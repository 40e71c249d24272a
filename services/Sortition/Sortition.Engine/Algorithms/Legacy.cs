using System.Diagnostics;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Engine.Algorithms;

/// <summary>
/// The greedy algorithm that preceded LEXIMIN (the Sortition Foundation's "legacy"): seat by seat, take the
/// feature whose minimum is most urgent ((min − selected) / people left with it), pick a random person with it, drop
/// the features that reached their maximum, and start again when a minimum becomes out of reach or the full panel
/// misses one. Offered for comparison: some people's chances come out near zero.
/// </summary>
public static class Legacy
{
    public const string Name = "legacy";

    /// <summary>Estimates probabilities from <paramref name="runs"/> independent draws.</summary>
    public static SelectionResult Select(SelectionProblem problem, int runs, DrawRandom random, int maxAttempts = 100)
    {
        var watch = Stopwatch.StartNew();
        var counts = new int[problem.Pool.Count];
        foreach (var person in Panels(problem, runs, random, maxAttempts).SelectMany(panel => panel))
        {
            counts[person]++;
        }
        return new SelectionResult(Name, [.. counts.Select(c => (double)c / runs)], null, watch.Elapsed);
    }

    /// <summary><paramref name="runs"/> independent panels (indices into the pool).</summary>
    public static IEnumerable<IReadOnlyList<int>> Panels(SelectionProblem problem, int runs, DrawRandom random, int maxAttempts = 100)
    {
        var state = new LegacyState(problem);
        for (var run = 0; run < runs; run++)
        {
            yield return state.Draw(random, maxAttempts);
        }
    }

    private sealed class LegacyState
    {
        private readonly SelectionProblem _problem;
        private readonly int[][] _quotasOf;
        private readonly int[][] _members;
        private readonly int[][] _housemates;

        public LegacyState(SelectionProblem problem)
        {
            _problem = problem;
            var index = problem.Quotas.Select((q, i) => (q, i)).ToDictionary(x => (x.q.Category, x.q.Feature), x => x.i);
            _quotasOf = [.. problem.Pool.Select(p => problem.Categories.Select((c, ci) => index[(c, p.Features[ci])]).ToArray())];
            _members = [.. problem.Quotas.Select((_, q) => Enumerable.Range(0, problem.Pool.Count).Where(p =>
                _quotasOf[p].Contains(q)).ToArray())];
            var households = problem.Pool.Select((p, i) => (p.Household, i)).Where(x => problem.OneOfEachHousehold
                && x.Household is not null)
                .GroupBy(x => x.Household).ToDictionary(g => g.Key!, g => g.Select(x => x.i).ToArray());
            _housemates = [.. problem.Pool.Select((p, i) => p.Household is { } h && households.TryGetValue(h,
                out var all) ? all.Where(j => j != i).ToArray() : [])];
        }

        public IReadOnlyList<int> Draw(DrawRandom random, int maxAttempts)
        {
            for (var attempt = 0; attempt < maxAttempts; attempt++)
            {
                if (TryDraw(random) is { } panel)
                {
                    return panel;
                }
            }
            throw new InvalidOperationException($"LEGACY found no panel in {maxAttempts} attempts.");
        }

        private List<int>? TryDraw(DrawRandom random)
        {
            var quotas = _problem.Quotas;
            var alive = Enumerable.Repeat(true, _problem.Pool.Count).ToArray();
            var left = _members.Select(m => m.Length).ToArray();
            var selected = new int[quotas.Count];
            var panel = new List<int>(_problem.PanelSize);

            void Remove(int person)
            {
                if (alive[person])
                {
                    alive[person] = false;
                    foreach (var q in _quotasOf[person])
                    {
                        left[q]--;
                    }
                }
            }

            while (panel.Count < _problem.PanelSize)
            {
                var urgent = -1;
                var urgency = double.NegativeInfinity;
                for (var q = 0; q < quotas.Count; q++)
                {
                    if (left[q] > 0 && (quotas[q].Min - selected[q]) / (double)left[q] is var ratio && ratio > urgency)
                    {
                        (urgent, urgency) = (q, ratio);
                    }
                }
                if (urgent < 0)
                {
                    return null;
                }
                var candidates = _members[urgent].Where(p => alive[p]).ToList();
                var person = candidates[random.NextInt(candidates.Count)];
                panel.Add(person);
                Remove(person);
                foreach (var q in _quotasOf[person])
                {
                    selected[q]++;
                }
                foreach (var housemate in _housemates[person])
                {
                    Remove(housemate);
                }
                foreach (var q in _quotasOf[person].Where(q => selected[q] >= quotas[q].Max))
                {
                    foreach (var other in _members[q])
                    {
                        Remove(other);
                    }
                }
                for (var q = 0; q < quotas.Count; q++)
                {
                    if (quotas[q].Min - selected[q] > left[q])
                    {
                        return null;
                    }
                }
            }
            // A full panel can still fall short of a minimum (the greedy fills seats without looking back): it is thrown
            // away and drawn again, as the reference implementation does.
            for (var q = 0; q < quotas.Count; q++)
            {
                if (selected[q] < quotas[q].Min)
                {
                    return null;
                }
            }
            return panel;
        }
    }
}
