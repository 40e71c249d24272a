using System.Globalization;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Lottery;

/// <summary>
/// Recomputes a draw from its record alone and lists every way the record fails to check out. Consistency: the panels
/// meet every rule, the lottery over them gives each person the recorded probability within k/M, the commitment, the
/// seed, the drawn panel, the substitutes and every replacement follow. Fairness (unless asked for consistency alone):
/// the recorded probabilities are the LEXIMIN probabilities of this pool and these quotas, recomputed with the recorded
/// algorithm, and the lottery gives no one less than LEXIMIN does by more than the rounding bound; the people wronged
/// are named with how much they lose.
/// </summary>
public static class DrawVerifier
{
    /// <summary>
    /// LEXIMIN's probabilities are unique, so two correct computations differ only by the solver's precision (measured
    /// within 1e-4 of the exact LEXIMIN, `benchmarks/README.md`); a recorded probability further than this from the
    /// recomputed one is not LEXIMIN's.
    /// </summary>
    public const double FairnessTolerance = 1e-3;

    /// <param name="checkFairness">False for the consistency checks alone (fast: no LEXIMIN run).</param>
    public static IReadOnlyList<string> Verify(DrawRecord record, bool checkFairness = true)
    {
        if (record.Format != DrawRecord.CurrentFormat)
        {
            return [$"Unknown record format '{record.Format}' (expected {DrawRecord.CurrentFormat})."];
        }
        var problem = record.Problem();
        var errors = new List<string>(problem.Validate());
        if (errors.Count > 0 || record.Panels.Count == 0)
        {
            return [.. errors, .. record.Panels.Count == 0 ? ["The record publishes no panel."] : Array.Empty<string>()];
        }
        var indexOf = problem.Pool.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var panels = new List<int[]>();
        for (var p = 0; p < record.Panels.Count; p++)
        {
            var unknown = record.Panels[p].Where(id => !indexOf.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add($"Panel {p} names people outside the pool: {string.Join(", ", unknown.Take(5))}.");
                continue;
            }
            var people = record.Panels[p].Select(id => indexOf[id]).ToArray();
            errors.AddRange(PanelRules.Violations(problem, people).Select(v => $"Panel {p} {v}."));
            panels.Add(people);
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        // The published lottery must give everyone the recorded probability, within k/M.
        var bound = (double)record.PanelSize / record.Panels.Count;
        var lottery = new UniformLottery(panels).PersonProbabilities(problem.Pool.Count);
        var worst = lottery.Select((p, i) => Math.Abs(p - record.Pool[i].Probability)).Max();
        if (worst > bound + 1e-9)
        {
            errors.Add($"The panels give someone a probability {worst:F4} away from the recorded one (allowed: k/M = {bound:F4}).");
        }
        if (Math.Abs(record.Pool.Sum(p => p.Probability) - record.PanelSize) > 1e-3)
        {
            errors.Add("The recorded probabilities do not add up to the panel size.");
        }
        if (checkFairness)
        {
            errors.AddRange(VerifyFairness(record, problem, lottery, bound));
        }

        var commitment = Commitments.Commitment(record);
        if (commitment != record.Commitment)
        {
            errors.Add($"The commitment does not match the inputs and panels: recorded {record.Commitment}, recomputed {commitment}.");
            return errors;
        }
        if (!record.IsDrawn)
        {
            return errors;
        }
        errors.AddRange(VerifyOutcome(record, problem, indexOf));
        return errors;
    }

    /// <summary>Recomputes LEXIMIN from the record's pool and quotas and holds the recorded lottery to it.</summary>
    private static List<string> VerifyFairness(DrawRecord record, SelectionProblem problem, double[] lottery, double bound)
    {
        if (record.Algorithm != DrawRecord.LeximinVersion)
        {
            return [$"Fairness cannot be checked: the record was made by '{record.Algorithm}', "
                + $"this verifier recomputes {DrawRecord.LeximinVersion}."];
        }
        double[] optimum;
        try
        {
            optimum = [.. Leximin.Select(problem).Probabilities];
        }
        catch (InfeasibleQuotasException)
        {
            return ["No panel can meet these quotas, yet the record publishes panels."];
        }
        var errors = new List<string>();
        string Person(int i) => record.Pool[i].Id;
        static string Percent(double value) => value.ToString("P2", CultureInfo.InvariantCulture);
        var misrecorded = Enumerable.Range(0, optimum.Length)
            .Where(i => Math.Abs(record.Pool[i].Probability - optimum[i]) > FairnessTolerance).ToList();
        if (misrecorded.Count > 0)
        {
            errors.Add($"{misrecorded.Count} recorded probabilities are not LEXIMIN's for this pool and these quotas, e.g. "
                + string.Join("; ", misrecorded.Take(5).Select(i =>
                    $"{Person(i)} recorded {Percent(record.Pool[i].Probability)}, LEXIMIN {Percent(optimum[i])}")) + ".");
        }
        var wronged = Enumerable.Range(0, optimum.Length)
            .Where(i => lottery[i] < optimum[i] - bound - FairnessTolerance)
            .OrderBy(i => lottery[i] - optimum[i]).ToList();
        if (wronged.Count > 0)
        {
            errors.Add($"The lottery wrongs {wronged.Count} people beyond the rounding bound (k/M = {Percent(bound)}): "
                + string.Join("; ", wronged.Take(10).Select(i =>
                    $"{Person(i)} gets {Percent(lottery[i])} where LEXIMIN gives {Percent(optimum[i])} "
                    + $"(short by {Percent(optimum[i] - lottery[i])})"))
                + (wronged.Count > 10 ? "; …" : "") + ".");
        }
        if (lottery.Min() < optimum.Min() - bound - FairnessTolerance)
        {
            errors.Add($"The lottery's smallest probability, {Percent(lottery.Min())}, is below LEXIMIN's optimum {Percent(optimum.Min())} "
                + "by more than the rounding bound.");
        }
        return errors;
    }

    private static List<string> VerifyOutcome(DrawRecord record, SelectionProblem problem, Dictionary<string, int> indexOf)
    {
        var errors = new List<string>();
        var (seed, index, members, substitutes) = Commitments.Outcome(record, record.Dice ?? "", record.Beacon ?? "");
        if (Convert.ToHexStringLower(seed) != record.Seed)
        {
            errors.Add("The seed is not SHA-256 of the dice, the beacon value and the commitment.");
            return errors;
        }
        if (index != record.PanelIndex)
        {
            errors.Add($"The seed selects panel {index}, the record says {record.PanelIndex}.");
        }
        if (!members.SequenceEqual(record.Members ?? []))
        {
            errors.Add("The members are not those of the selected panel.");
        }
        if (!substitutes.SequenceEqual(record.Substitutes ?? []))
        {
            errors.Add("The substitutes are not in the order the seed gives.");
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        // Replay the history: each substitute must be the first that keeps every quota at that moment.
        var replayed = record with { Replacements = [] };
        foreach (var replacement in record.Replacements ?? [])
        {
            if (!replayed.CurrentMembers().Contains(replacement.Leaving))
            {
                errors.Add($"Replacement of {replacement.Leaving}: not a member at that point.");
                break;
            }
            var (next, substitute) = replayed.Replace(replacement.Leaving, replacement.Reason, replacement.At);
            if (substitute != replacement.Substitute)
            {
                errors.Add($"Replacement of {replacement.Leaving}: the next substitute keeping every quota is "
                    + $"{substitute ?? "nobody"}, not {replacement.Substitute}.");
                break;
            }
            replayed = next;
        }
        var current = replayed.CurrentMembers().Select(id => indexOf[id]).ToList();
        errors.AddRange(PanelRules.Violations(problem, current).Select(v => $"The current panel {v}."));
        return errors;
    }
}
