namespace Assemblee.Veille.Domain;

/// <summary>A body's record in the public register: how many questions it put, how fast and how often in time they were answered.</summary>
/// <param name="BodyId">A body's id, or "all" for the whole space.</param>
public sealed record RegisterStatistics(
    string BodyId, int Submitted, int Answered, int AnsweredInTime, int Overdue, double? MedianDaysToAnswer, double? ShareAnsweredInTime);

public static class Statistics
{
    public const string AllBodies = "all";

    /// <summary>Per body (the body that drafted each question), then for all: referrals count once the guarantors publish them.</summary>
    public static IReadOnlyList<RegisterStatistics> Of(IReadOnlyList<Question> questions, DateTimeOffset now) =>
        [.. questions.GroupBy(question => question.BodyId).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Of(group.Key, [.. group], now)), Of(AllBodies, questions, now)];

    private static RegisterStatistics Of(string bodyId, IReadOnlyList<Question> questions, DateTimeOffset now)
    {
        var submitted = questions.Where(question => question.IsPublic).ToList();
        var answered = submitted.Where(question => question.FirstAnsweredAt is not null).ToList();
        var inTime = answered.Count(question => question.AnsweredInTime);
        var overdue = submitted.Count(question => question.IsOverdue(now));
        var days = answered.Select(question => (question.FirstAnsweredAt!.Value - question.SubmittedAt!.Value).TotalDays).Order().ToList();
        // In time out of those whose deadline is settled: answered, or unanswered past it. Questions still within it are left out.
        var settled = answered.Count + overdue;
        return new RegisterStatistics(bodyId, submitted.Count, answered.Count, inTime, overdue,
            days.Count == 0 ? null : Math.Round(Median(days), 1), settled == 0 ? null : Math.Round((double)inTime / settled, 3));
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1
        ? sorted[sorted.Count / 2]
        : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
