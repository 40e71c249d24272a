using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Algorithms;

/// <summary>A lottery over panels, each panel given as people per profile.</summary>
public sealed record Distribution(IReadOnlyList<int[]> Panels, IReadOnlyList<double> Weights)
{
    /// <summary>Each person's chance: the expected seats of their profile, shared by its members.</summary>
    public double[] PersonProbabilities(ProfilePool pool)
    {
        var perProfile = new double[pool.Profiles.Count];
        for (var p = 0; p < Panels.Count; p++)
        {
            for (var t = 0; t < perProfile.Length; t++)
            {
                perProfile[t] += Weights[p] * Panels[p][t];
            }
        }
        return [.. pool.ProfileOf.Select(t => Math.Clamp(perProfile[t] / pool.Profiles[t].Count, 0, 1))];
    }
}

/// <summary>The outcome of an algorithm: each person's selection probability, and the lottery when there is one.</summary>
public sealed record SelectionResult(string Algorithm, double[] Probabilities, Distribution? Distribution, TimeSpan Elapsed)
{
    public double MinProbability => Probabilities.Length == 0 ? 0 : Probabilities.Min();
}

/// <summary>No panel meets the quotas; <see cref="Diagnosis"/> says what to change.</summary>
public sealed class InfeasibleQuotasException(QuotaDiagnosis diagnosis)
    : Exception("No panel can meet every quota. " + string.Join(" ", diagnosis.Suggestions))
{
    public QuotaDiagnosis Diagnosis { get; } = diagnosis;
}

/// <summary>
/// LEXIMIN stopped instead of looping: the solver failed, or a stage did not converge within its bound. The draw can be
/// prepared again; the message says what failed, for the operators.
/// </summary>
public sealed class LeximinFailedException(string reason) : Exception($"LEXIMIN stopped: {reason}.");
