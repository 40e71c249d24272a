using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>How a rate counts: once per session attended, or per half-day (a started block of four hours) of presence.</summary>
public static class RateUnits
{
    public const string Session = "session";
    public const string HalfDay = "half-day";

    public static readonly TimeSpan HalfDayLength = TimeSpan.FromHours(4);
}

/// <summary>An amount in euros a member receives for attending, for one session kind (or any, when null), over a period.</summary>
public sealed record CompensationRate(
    Guid Id, string BodyId, string? SessionKind, string Unit, decimal Amount, DateOnly EffectiveFrom, DateOnly? EffectiveTo)
{
    public bool AppliesTo(string kind, DateOnly date) =>
        (SessionKind is null || SessionKind == kind) && EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo);
}

public sealed record RateRequest(string? SessionKind, string Unit, decimal Amount, DateOnly EffectiveFrom, DateOnly? EffectiveTo)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(SessionKind is null || SessionKinds.All.Contains(SessionKind), "sessionKind",
            new FieldRule("session-kind-or-every", $"One of {string.Join(", ", SessionKinds.All)}, or none for every kind.",
                string.Join(", ", SessionKinds.All)))
        .Require(Unit is RateUnits.Session or RateUnits.HalfDay, "unit", FieldRule.OneOf([RateUnits.Session, RateUnits.HalfDay]))
        .Require(Amount is > 0 and <= 10_000 && decimal.Round(Amount, 2) == Amount, "amount",
            new FieldRule("amount", "Euros, above 0, at most 10,000, to the cent."))
        .Require(EffectiveTo is null || EffectiveTo >= EffectiveFrom, "effectiveTo",
            new FieldRule("effective-to", "On or after effectiveFrom."));

    public CompensationRate ToRate(Guid id, string bodyId) => new(id, bodyId, SessionKind, Unit, Amount, EffectiveFrom, EffectiveTo);
}

/// <summary>A member's recorded presence at a session, as compensation reads it.</summary>
public sealed record AttendedSession(
    Guid MemberId, Guid SessionId, string Title, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset ArrivedAt,
    DateTimeOffset? DepartedAt);

/// <summary>What approved statements paid a member for a session so far (corrections included).</summary>
public sealed record PaidSession(Guid MemberId, Guid SessionId, string Title, string Kind, DateOnly Date, decimal Amount);

/// <summary>A line of a statement; an adjustment corrects what an approved statement paid for an earlier session.</summary>
public sealed record StatementLine(
    Guid SessionId, string Title, string Kind, DateOnly Date, int Minutes, string Unit, int Quantity, decimal Rate, decimal Amount,
    bool Adjustment);

public static class StatementStates
{
    public const string Draft = "draft";
    public const string Approved = "approved";
}

/// <summary>
/// A member's monthly statement: a draft computed from attendance until the secretariat approves it, then never rewritten.
/// </summary>
public sealed record Statement(
    Guid? Id, string BodyId, Guid MemberId, DateOnly Month, IReadOnlyList<StatementLine> Lines, decimal Total, string State,
    DateTimeOffset? ApprovedAt, string? ApprovedBy);

/// <summary>
/// Members' compensation from attendance, on the model of trial jurors, in exact decimal euros. A session belongs to the month
/// of its start in Paris. A statement pays the month's sessions attended; a session of an earlier month whose statement was
/// approved, and whose amount due has changed since (a correction of attendance), gets an adjustment line for the difference.
/// An excused absence is not attendance and earns nothing.
/// </summary>
public static class CompensationRules
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var date = DateOf(instant);
        return new DateOnly(date.Year, date.Month, 1);
    }

    /// <summary>The first instant after the month in Paris, in UTC (as PostgreSQL takes instants).</summary>
    public static DateTimeOffset EndOf(DateOnly month)
    {
        var next = month.AddMonths(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(next, Paris.GetUtcOffset(next)).ToUniversalTime();
    }

    /// <summary>The rate for a kind on a date: one for that kind before one for every kind; refused when none applies.</summary>
    public static CompensationRate RateFor(IReadOnlyList<CompensationRate> rates, string kind, DateOnly date) =>
        rates.Where(rate => rate.AppliesTo(kind, date)).OrderBy(rate => rate.SessionKind is null)
            .ThenByDescending(rate => rate.EffectiveFrom).FirstOrDefault()
        ?? throw RuleViolation.Unprocessable("no-rate", "No rate",
            $"No compensation rate applies to a {kind} on {date:yyyy-MM-dd}; add one first.");

    /// <summary>What attending earns: presence counted from the session's start (or a later arrival) to a departure or its end.</summary>
    public static StatementLine Due(AttendedSession attended, IReadOnlyList<CompensationRate> rates)
    {
        var date = DateOf(attended.StartsAt);
        var rate = RateFor(rates, attended.Kind, date);
        var from = attended.ArrivedAt > attended.StartsAt ? attended.ArrivedAt : attended.StartsAt;
        var minutes = Math.Max(0, (int)((attended.DepartedAt ?? attended.EndsAt) - from).TotalMinutes);
        var quantity = rate.Unit == RateUnits.Session ? 1 : Math.Max(1, (int)Math.Ceiling(minutes / RateUnits.HalfDayLength.TotalMinutes));
        return new StatementLine(attended.SessionId, attended.Title, attended.Kind, date, minutes, rate.Unit, quantity, rate.Amount,
            rate.Amount * quantity, false);
    }

    /// <summary>
    /// The member's draft for the month from their attendance until its end, what approved statements paid, and the months
    /// already approved for them.
    /// </summary>
    public static Statement Draft(string bodyId, Guid memberId, DateOnly month, IReadOnlyList<AttendedSession> attended,
        IReadOnlyList<PaidSession> paid, IReadOnlySet<DateOnly> approvedMonths, IReadOnlyList<CompensationRate> rates)
    {
        var lines = attended.Where(a => MonthOf(a.StartsAt) == month).OrderBy(a => a.StartsAt).Select(a => Due(a, rates)).ToList();
        var dueBefore = attended.Where(a => MonthOf(a.StartsAt) < month && approvedMonths.Contains(MonthOf(a.StartsAt)))
            .ToDictionary(a => a.SessionId, a => Due(a, rates));
        var paidBefore = paid.Where(p => p.Date < month).ToDictionary(p => p.SessionId);
        var earlier = dueBefore.Keys.Union(paidBefore.Keys).OrderBy(id => dueBefore.GetValueOrDefault(id)?.Date ?? paidBefore[id].Date);
        foreach (var session in earlier)
        {
            var due = dueBefore.GetValueOrDefault(session);
            var already = paidBefore.GetValueOrDefault(session)?.Amount ?? 0m;
            if ((due?.Amount ?? 0m) != already)
            {
                var basis = due ?? Removed(paidBefore[session]);
                lines.Add(basis with { Amount = (due?.Amount ?? 0m) - already, Adjustment = true });
            }
        }
        return new Statement(null, bodyId, memberId, month, lines, lines.Sum(line => line.Amount), StatementStates.Draft, null, null);
    }

    /// <summary>A session no longer attended (its attendance was removed): nothing is due for it any more.</summary>
    private static StatementLine Removed(PaidSession paid) =>
        new(paid.SessionId, paid.Title, paid.Kind, paid.Date, 0, RateUnits.Session, 0, 0m, 0m, true);
}
