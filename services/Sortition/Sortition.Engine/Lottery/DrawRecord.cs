using System.Security.Cryptography;
using System.Text;
using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Engine.Lottery;

/// <summary>A person as the record publishes them: pseudonymous id, declared features, LEXIMIN probability.</summary>
public sealed record RecordPerson(string Id, IReadOnlyList<string> Features, double Probability, string? Household = null);

/// <summary>One replacement in the draw's history.</summary>
public sealed record ReplacementEntry(string Leaving, string Substitute, string Reason, DateTimeOffset At);

/// <summary>
/// The procès-verbal of a final draw. Prepared: inputs, the M published panels and the commitment, before any
/// randomness exists. Drawn: the dice and beacon entered at the draw, the seed, the panel index, the members and
/// the ordered substitutes. Everything in it can be recomputed from it alone (<see cref="DrawVerifier"/>).
/// </summary>
public sealed record DrawRecord(
    string Format,
    string Algorithm,
    string? Title,
    int PanelSize,
    bool OneOfEachHousehold,
    IReadOnlyList<string> Categories,
    IReadOnlyList<Quota> Quotas,
    IReadOnlyList<RecordPerson> Pool,
    IReadOnlyList<IReadOnlyList<string>> Panels,
    double MaxDeviation,
    int SubstituteCount,
    string Commitment,
    DateTimeOffset CommittedAt,
    string? Dice = null,
    string? Beacon = null,
    string? Seed = null,
    int? PanelIndex = null,
    IReadOnlyList<string>? Members = null,
    IReadOnlyList<string>? Substitutes = null,
    IReadOnlyList<ReplacementEntry>? Replacements = null)
{
    public const string CurrentFormat = "assemblee-sortition-record/1";

    /// <summary>The algorithm as committed: its name and the version of this implementation.</summary>
    public const string LeximinVersion = "leximin/assemblee-1";

    public bool IsDrawn => Seed is not null;

    public SelectionProblem Problem() => new(Categories, Quotas,
        [.. Pool.Select(p => new Respondent(p.Id, p.Features, p.Household))], PanelSize, OneOfEachHousehold);

    /// <summary>Rounds a LEXIMIN result to M panels and commits to the inputs and the panels.</summary>
    public static DrawRecord Prepare(SelectionProblem problem, SelectionResult result, int panelCount, int substituteCount,
        DateTimeOffset now, string? title = null)
    {
        if (result.Distribution is null)
        {
            throw new ArgumentException("Only a lottery (LEXIMIN) can be rounded and committed.", nameof(result));
        }
        if (Commitments.UnsafeText(problem) is { } unsafeText)
        {
            throw new ArgumentException($"'{unsafeText}' contains a tab or line break, which the commitment format forbids.",
                nameof(problem));
        }
        var pool = new ProfilePool(problem);
        var lottery = UniformLottery.Round(result.Distribution, pool, panelCount);
        var lotteryProbabilities = lottery.PersonProbabilities(problem.Pool.Count);
        var deviation = lotteryProbabilities.Select((p, i) => Math.Abs(p - result.Probabilities[i])).DefaultIfEmpty(0).Max();
        var panels = lottery.Panels.Select(panel => (IReadOnlyList<string>)[.. panel.Select(i => problem.Pool[i].Id)]).ToList();
        var record = new DrawRecord(CurrentFormat, LeximinVersion, title, problem.PanelSize, problem.OneOfEachHousehold,
            problem.Categories, problem.Quotas,
            [.. problem.Pool.Select((p, i) => new RecordPerson(p.Id, p.Features, Math.Round(result.Probabilities[i], 9), p.Household))],
            panels, Math.Round(deviation, 9), substituteCount, "", now);
        return record with { Commitment = Commitments.Commitment(record) };
    }

    /// <summary>Draws with the values entered at the draw; the same values always give the same result.</summary>
    public DrawRecord Draw(string dice, string beacon)
    {
        if (IsDrawn)
        {
            throw new InvalidOperationException("This draw has already taken place.");
        }
        var (seed, index, members, substitutes) = Commitments.Outcome(this, dice.Trim(), beacon.Trim());
        return this with
        {
            Dice = dice.Trim(),
            Beacon = beacon.Trim(),
            Seed = Convert.ToHexStringLower(seed),
            PanelIndex = index,
            Members = members,
            Substitutes = substitutes,
            Replacements = [],
        };
    }

    /// <summary>
    /// Replaces a member who declined or left by the first unused substitute, in the drawn order, whose profile keeps
    /// every quota (and the household rule). Null when no substitute can: the record is unchanged.
    /// </summary>
    public (DrawRecord Record, string? Substitute) Replace(string leaving, string reason, DateTimeOffset at)
    {
        if (!IsDrawn)
        {
            throw new InvalidOperationException("Only a drawn panel has members to replace.");
        }
        var current = CurrentMembers();
        if (!current.Contains(leaving))
        {
            throw new ArgumentException($"{leaving} is not a member of this panel.", nameof(leaving));
        }
        var substitute = Commitments.NextSubstitute(this, current, leaving);
        if (substitute is null)
        {
            return (this, null);
        }
        return (this with { Replacements = [.. Replacements ?? [], new ReplacementEntry(leaving, substitute, reason, at)] }, substitute);
    }

    /// <summary>The members after the replacements so far.</summary>
    public IReadOnlyList<string> CurrentMembers()
    {
        var members = (Members ?? []).ToList();
        foreach (var replacement in Replacements ?? [])
        {
            members[members.IndexOf(replacement.Leaving)] = replacement.Substitute;
        }
        return members;
    }
}

/// <summary>
/// The documented computations of a draw, written so that an auditor can redo them in any language:
/// <list type="bullet">
/// <item>commitment = SHA-256 (lower-case hex) of UTF-8 lines, each ending in "\n", fields separated by tabs:
/// "assemblee-sortition-commitment/1"; "algorithm", name; "panel-size", k; "one-of-each-household", true|false;
/// "category", name (in order); "quota", category, feature, min, max (in order); "person", id, household (may be
/// empty), features… (in pool order); "panel", ids… (in published order).</item>
/// <item>seed = SHA-256 of UTF-8 "assemblee-sortition-seed/1\n" + dice + "\n" + beacon + "\n" + commitment + "\n".</item>
/// <item>with <see cref="DrawRandom"/> on that seed: panel index = NextInt(M); then the people on no seat of that
/// panel, in pool order, are shuffled by Fisher–Yates (for i = n−1 down to 1, swap i with NextInt(i + 1)); the first
/// S are the substitutes, in order.</item>
/// </list>
/// </summary>
public static class Commitments
{
    public static string Commitment(DrawRecord record)
    {
        var text = new StringBuilder();
        void Line(params object[] fields) => text.Append(string.Join('\t', fields)).Append('\n');
        Line("assemblee-sortition-commitment/1");
        Line("algorithm", record.Algorithm);
        Line("panel-size", record.PanelSize);
        Line("one-of-each-household", record.OneOfEachHousehold ? "true" : "false");
        foreach (var category in record.Categories)
        {
            Line("category", category);
        }
        foreach (var quota in record.Quotas)
        {
            Line("quota", quota.Category, quota.Feature, quota.Min, quota.Max);
        }
        foreach (var person in record.Pool)
        {
            Line(["person", person.Id, person.Household ?? "", .. person.Features]);
        }
        foreach (var panel in record.Panels)
        {
            Line(["panel", .. panel]);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static byte[] Seed(string dice, string beacon, string commitment) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"assemblee-sortition-seed/1\n{dice}\n{beacon}\n{commitment}\n"));

    internal static (byte[] Seed, int Index, IReadOnlyList<string> Members, IReadOnlyList<string> Substitutes) Outcome(
        DrawRecord record, string dice, string beacon)
    {
        if (dice.Length == 0 || beacon.Length == 0 || (dice + beacon).IndexOfAny(['\n', '\r']) >= 0)
        {
            throw new ArgumentException("The dice and the beacon value must each be one non-empty line.");
        }
        var seed = Seed(dice, beacon, record.Commitment);
        var random = new DrawRandom(seed);
        var index = random.NextInt(record.Panels.Count);
        var members = record.Panels[index];
        var seated = members.ToHashSet(StringComparer.Ordinal);
        var others = record.Pool.Select(p => p.Id).Where(id => !seated.Contains(id)).ToArray();
        for (var i = others.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (others[i], others[j]) = (others[j], others[i]);
        }
        return (seed, index, members, [.. others.Take(record.SubstituteCount)]);
    }

    internal static string? NextSubstitute(DrawRecord record, IReadOnlyList<string> current, string leaving)
    {
        var used = (record.Replacements ?? []).Select(r => r.Substitute).ToHashSet(StringComparer.Ordinal);
        var problem = record.Problem();
        var indexOf = problem.Pool.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var remaining = current.Where(id => id != leaving).Select(id => indexOf[id]).ToList();
        foreach (var candidate in record.Substitutes ?? [])
        {
            if (used.Contains(candidate) || current.Contains(candidate))
            {
                continue;
            }
            if (PanelRules.Violations(problem, [.. remaining, indexOf[candidate]]).Count == 0)
            {
                return candidate;
            }
        }
        return null;
    }

    internal static string? UnsafeText(SelectionProblem problem) =>
        problem.Categories.Concat(problem.Quotas.Select(q => q.Feature))
            .Concat(problem.Pool.SelectMany(p => p.Features.Append(p.Id).Append(p.Household ?? "")))
            .FirstOrDefault(text => text.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0);
}

/// <summary>What a panel of people must satisfy: its size, every quota, distinct people, one per household.</summary>
public static class PanelRules
{
    public static IReadOnlyList<string> Violations(SelectionProblem problem, IReadOnlyList<int> people)
    {
        var violations = new List<string>();
        if (people.Count != problem.PanelSize)
        {
            violations.Add($"has {people.Count} people instead of {problem.PanelSize}");
        }
        if (people.Distinct().Count() != people.Count)
        {
            violations.Add("names someone twice");
        }
        for (var c = 0; c < problem.Categories.Count; c++)
        {
            foreach (var quota in problem.Quotas.Where(q => q.Category == problem.Categories[c]))
            {
                var seats = people.Count(i => problem.Pool[i].Features[c] == quota.Feature);
                if (seats < quota.Min || seats > quota.Max)
                {
                    violations.Add($"has {seats} for {quota.Category}/{quota.Feature} (quota {quota.Min}–{quota.Max})");
                }
            }
        }
        if (problem.OneOfEachHousehold &&
            people.Select(i => problem.Pool[i].Household).Where(h => h is not null).GroupBy(h => h).Any(g => g.Count() > 1))
        {
            violations.Add("seats two people of one household");
        }
        return violations;
    }
}
