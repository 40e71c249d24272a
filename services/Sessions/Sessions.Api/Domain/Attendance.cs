using System.Security.Cryptography;
using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>How an attendance came to be recorded.</summary>
public static class AttendanceMethods
{
    public const string CheckIn = "check-in";
    public const string RollCall = "roll-call";
    public const string Correction = "correction";
}

/// <summary>A member's presence at a session: arrival, and departure once they leave (null while there).</summary>
public sealed record AttendanceRecord(Guid SessionId, Guid MemberId, DateTimeOffset ArrivedAt, DateTimeOffset? DepartedAt, string Method);

/// <summary>The secretariat's roll call: the members it sees in the room.</summary>
public sealed record RollCall(IReadOnlyList<Guid> Present)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Present is { Count: > 0 and <= 1000 }, "present", new FieldRule("present-count", "Between 1 and 1,000 member ids."))
        .Require(Present is null || Present.Distinct().Count() == Present.Count, "present",
            new FieldRule("member-once", "Each member once."));
}

/// <summary>
/// The secretariat corrects a member's attendance after the fact (a forgotten check-in, a wrong departure):
/// <paramref name="Present"/> false removes it. Always with a reason, which the audit keeps.
/// </summary>
public sealed record AttendanceCorrection(bool Present, DateTimeOffset? ArrivedAt, DateTimeOffset? DepartedAt, string Reason)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Reason) && Reason.Length <= 500, "reason", FieldRule.Text(500))
        .Require(!Present || ArrivedAt is not null, "arrivedAt", new FieldRule("arrival-time", "A present member has an arrival time."))
        .Require(DepartedAt is null || ArrivedAt is not null && DepartedAt > ArrivedAt, "departedAt",
            new FieldRule("departure-after-arrival", "A departure follows the arrival."));
}

/// <summary>A member checks in with the code shown in the room.</summary>
public sealed record CheckIn(string Code)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Code) && Code.Length <= 20, "code",
            new FieldRule("check-in-code", "The code shown in the room."));
}

/// <summary>
/// The rules of attendance, without I/O. Members check in during the session's window (doors open
/// <see cref="DoorsOpenBefore"/> before it starts, until it ends); the secretariat calls the roll from the opening of the doors on, and
/// corrects afterwards.
/// </summary>
public static class AttendanceRules
{
    public static readonly TimeSpan DoorsOpenBefore = TimeSpan.FromMinutes(30);

    /// <summary>How long a session may run past its planned end and still count departures.</summary>
    public static readonly TimeSpan Overrun = TimeSpan.FromHours(2);

    /// <summary>Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L): 40 bits, read aloud or typed easily.</summary>
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string NewCheckInCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);

    /// <summary>What a member typed, made comparable: case, spaces and dashes do not matter.</summary>
    public static string NormaliseCode(string typed) =>
        new([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);

    public static bool InWindow(Session session, DateTimeOffset now) =>
        now >= session.StartsAt - DoorsOpenBefore && now <= session.EndsAt;

    public static void EnsureCheckIn(Session session, string sessionCode, string typed, AttendanceRecord? existing, DateTimeOffset now)
    {
        if (session.State != SessionStates.Convened)
        {
            throw RuleViolation.Conflict("check-in-closed", "Check-in closed", $"The session is {session.State}.");
        }
        if (!InWindow(session, now))
        {
            throw RuleViolation.Conflict("check-in-closed", "Check-in closed",
                $"Check-in is open from {session.StartsAt - DoorsOpenBefore:u} to {session.EndsAt:u}.");
        }
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(NormaliseCode(typed)),
            System.Text.Encoding.ASCII.GetBytes(sessionCode)))
        {
            throw RuleViolation.Unprocessable("wrong-code", "Wrong code",
                "This is not the code of this session; use the one shown in its room.");
        }
        if (existing is not null)
        {
            throw RuleViolation.Conflict("already-checked-in", "Already checked in",
                $"Your arrival was recorded at {existing.ArrivedAt:u}.");
        }
    }

    public static void EnsureCheckOut(Session session, AttendanceRecord? existing, DateTimeOffset now)
    {
        if (existing is null)
        {
            throw RuleViolation.Conflict("not-checked-in", "Not checked in", "Check in before checking out.");
        }
        if (existing.DepartedAt is not null)
        {
            throw RuleViolation.Conflict("already-checked-out", "Already checked out",
                $"Your departure was recorded at {existing.DepartedAt:u}.");
        }
        if (!InWindow(session, now))
        {
            throw RuleViolation.Conflict("check-out-closed", "Check-out closed",
                "The session has ended; the secretariat records departures afterwards.");
        }
    }

    public static void EnsureRollCall(Session session, DateTimeOffset now)
    {
        if (session.State is not (SessionStates.Convened or SessionStates.Held) || now < session.StartsAt - DoorsOpenBefore)
        {
            throw RuleViolation.Conflict("roll-call-closed", "Roll call closed",
                $"The session is {session.State} and starts at {session.StartsAt:u}.");
        }
    }

    public static void EnsureCorrection(Session session, AttendanceCorrection correction, DateTimeOffset now)
    {
        EnsureRollCall(session, now);
        if (correction.ArrivedAt is { } arrived && (arrived < session.StartsAt - DoorsOpenBefore || arrived > session.EndsAt))
        {
            throw RuleViolation.Unprocessable("arrival-outside-the-session", "Arrival outside the session",
                "An arrival falls within the session's window.");
        }
        if (correction.DepartedAt is { } departed && departed > session.EndsAt + Overrun)
        {
            throw RuleViolation.Unprocessable("departure-outside-the-session", "Departure outside the session",
                $"A departure falls at the latest {Overrun.TotalHours} hours after the session's planned end.");
        }
    }

    /// <summary>When a roll call says a member arrived: now while the session runs, its start when called afterwards.</summary>
    public static DateTimeOffset RollCallArrival(Session session, DateTimeOffset now) => now <= session.EndsAt ? now : session.StartsAt;

    /// <summary>Who is in the room now: arrived and not departed.</summary>
    public static bool InRoom(AttendanceRecord record, DateTimeOffset now) =>
        record.ArrivedAt <= now && (record.DepartedAt is null || record.DepartedAt > now);
}
