using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Solvers;

namespace Assemblee.Sortition.Engine.Algorithms;

/// <summary>A change to one quota that, with the others, makes a panel possible.</summary>
public sealed record QuotaRelaxation(string Category, string Feature, int FromMin, int ToMin, int FromMax, int ToMax);

/// <summary>Why no panel meets the quotas, and the smallest change that would allow one.</summary>
public sealed record QuotaDiagnosis(IReadOnlyList<QuotaRelaxation> Relaxations, IReadOnlyList<string> Suggestions)
{
    /// <summary>
    /// Solves for the smallest relaxation: integer slack on every minimum and maximum, where lowering a small
    /// minimum costs more (1 + 2/min per seat, as in the Sortition Foundation's tools) than raising a maximum (1).
    /// </summary>
    public static QuotaDiagnosis Diagnose(ProfilePool pool)
    {
        using var program = new IntegerProgram();
        var objective = new List<double>();
        foreach (var profile in pool.Profiles)
        {
            program.AddColumn(0, profile.Count);
            objective.Add(0);
        }
        program.AddRow(pool.Profiles.Select(p => (p.Index, 1.0)), pool.PanelSize, pool.PanelSize);
        var slacks = new List<(QuotaConstraint Quota, int Lower, int Upper)>();
        foreach (var quota in pool.Quotas)
        {
            var lower = program.AddColumn(0, quota.Min);
            objective.Add(quota.Min > 0 ? 1 + (2.0 / quota.Min) : 1);
            var upper = program.AddColumn(0, pool.PanelSize);
            objective.Add(1);
            // min − lowered ≤ Σ x ≤ max + raised
            program.AddRow(quota.Profiles.Select(t => (t, 1.0)).Append((lower, 1.0)), quota.Min, LinearProgram.Infinity);
            program.AddRow(quota.Profiles.Select(t => (t, 1.0)).Append((upper, -1.0)), -LinearProgram.Infinity, quota.Max);
            slacks.Add((quota, lower, upper));
        }
        foreach (var profiles in pool.Households.Values)
        {
            program.AddRow(profiles.Select(t => (t, 1.0)), 0, 1);
        }
        var solution = program.Solve(objective, maximize: false, maxSeconds: 60);
        if (solution is null)
        {
            return new QuotaDiagnosis([],
                [$"The pool cannot fill {pool.PanelSize} seats at all, whatever the quotas (one person per household?)."]);
        }
        var relaxations = slacks
            .Select(s => (s.Quota, Lowered: (int)Math.Round(solution[s.Lower]), Raised: (int)Math.Round(solution[s.Upper])))
            .Where(s => s.Lowered > 0 || s.Raised > 0)
            .Select(s => new QuotaRelaxation(s.Quota.Quota.Category, s.Quota.Quota.Feature, s.Quota.Min, s.Quota.Min - s.Lowered,
                s.Quota.Max, s.Quota.Max + s.Raised))
            .ToList();
        return new QuotaDiagnosis(relaxations, [.. relaxations.Select(Describe)]);
    }

    private static string Describe(QuotaRelaxation r) =>
        r.ToMin != r.FromMin
            ? $"Lower the minimum of {r.Category} '{r.Feature}' from {r.FromMin} to {r.ToMin}."
            : $"Raise the maximum of {r.Category} '{r.Feature}' from {r.FromMax} to {r.ToMax}.";
}
