using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain.Tests;

public sealed class CompensationRulesTests
{
    private static readonly Guid Member = Guid.NewGuid();
    private static readonly DateOnly March = new(2027, 3, 1);

    private static readonly IReadOnlyList<CompensationRate> Rates =
    [
        new(Guid.NewGuid(), "body", null, RateUnits.HalfDay, 27.35m, new DateOnly(2027, 1, 1), null),
        new(Guid.NewGuid(), "body", "plenary", RateUnits.Session, 50m, new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 14)),
        new(Guid.NewGuid(), "body", "plenary", RateUnits.Session, 55.5m, new DateOnly(2027, 3, 15), null),
    ];

    /// <summary>A session starting at 9:00 Paris time (8:00 UTC in March) on the given day, for the given hours.</summary>
    private static AttendedSession Attended(int day, string kind = "plenary", double hours = 3, int month = 3,
        DateTimeOffset? departed = null, Guid? session = null)
    {
        var start = new DateTimeOffset(2027, month, day, 8, 0, 0, TimeSpan.Zero);
        return new AttendedSession(Member, session ?? Guid.NewGuid(), $"Séance du {day}", kind, start, start.AddHours(hours),
            start.AddMinutes(-10), departed);
    }

    private static Statement Draft(DateOnly month, IReadOnlyList<AttendedSession> attended, IReadOnlyList<PaidSession>? paid = null,
        params DateOnly[] approved) =>
        CompensationRules.Draft("body", Member, month, attended, paid ?? [], approved.ToHashSet(), Rates);

    [Fact]
    public void A_month_pays_each_session_attended_at_its_kinds_rate_on_its_date_in_exact_euros()
    {
        var statement = Draft(March, [Attended(6), Attended(20), Attended(10, "training", hours: 5), Attended(27, month: 2)]);

        Assert.Equal([50m, 27.35m * 2, 55.5m], statement.Lines.Select(line => line.Amount));
        Assert.Equal(160.20m, statement.Total);
        Assert.Equal((300, 2), (statement.Lines[1].Minutes, statement.Lines[1].Quantity));
        Assert.All(statement.Lines, line => Assert.False(line.Adjustment));
    }

    [Fact]
    public void Presence_counts_from_the_start_or_a_later_arrival_to_a_departure_and_a_short_stay_is_one_half_day()
    {
        var start = new DateTimeOffset(2027, 3, 10, 8, 0, 0, TimeSpan.Zero);
        var line = CompensationRules.Due(Attended(10, "training", hours: 8, departed: start.AddHours(4).AddMinutes(1)), Rates);
        var brief = CompensationRules.Due(Attended(10, "training", hours: 8, departed: start.AddMinutes(20)), Rates);

        Assert.Equal((241, 2, 54.70m), (line.Minutes, line.Quantity, line.Amount));
        Assert.Equal((20, 1, 27.35m), (brief.Minutes, brief.Quantity, brief.Amount));
    }

    [Fact]
    public void A_correction_after_approval_becomes_an_adjustment_on_the_next_statement_and_a_removed_attendance_is_taken_back()
    {
        var changed = Attended(6, "training", hours: 5);
        var removed = Guid.NewGuid();
        var paid = new List<PaidSession>
        {
            new(Member, changed.SessionId, changed.Title, changed.Kind, new DateOnly(2027, 3, 6), 27.35m),
            new(Member, removed, "Séance retirée", "plenary", new DateOnly(2027, 3, 20), 55.5m),
        };

        var april = Draft(March.AddMonths(1), [changed, Attended(2, month: 4)], paid, March);
        var notApproved = Draft(March.AddMonths(1), [changed], [], []);

        Assert.Equal([(false, 55.5m), (true, 27.35m), (true, -55.5m)], april.Lines.Select(line => (line.Adjustment, line.Amount)));
        Assert.Equal(27.35m, april.Total);
        Assert.Empty(notApproved.Lines);
    }

    [Fact]
    public void No_attendance_no_line_and_a_kind_without_rate_is_refused_by_name()
    {
        Assert.Empty(Draft(March, []).Lines);
        var refusal = Assert.Throws<RuleViolation>(() => CompensationRules.Due(Attended(6, "site-visit") with
        {
            StartsAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)
        }, Rates));
        Assert.Contains("site-visit on 2026-12-01", refusal.Message);
    }

    [Fact]
    public void A_session_belongs_to_the_month_of_its_start_in_Paris()
    {
        Assert.Equal(new DateOnly(2027, 4, 1), CompensationRules.MonthOf(new DateTimeOffset(2027, 3, 31, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 22, 0, 0, TimeSpan.Zero), CompensationRules.EndOf(March));
        Assert.NotEmpty(new RateRequest(null, RateUnits.Session, 10.005m, March, null).Validate());
        Assert.NotEmpty(new RateRequest("bowling", RateUnits.Session, 10m, March, null).Validate());
        Assert.Empty(new RateRequest("plenary", RateUnits.HalfDay, 27.35m, March, March.AddMonths(6)).Validate());
    }
}
