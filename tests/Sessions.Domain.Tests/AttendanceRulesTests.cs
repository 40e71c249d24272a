using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain.Tests;

public sealed class AttendanceRulesTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly Session Convened = new(Guid.NewGuid(), "body", Guid.NewGuid(), null, "plenary", "S", [],
        new Place("1 rue X", null, null), null, Start, Start.AddHours(3), [], true, SessionStates.Convened);

    [Fact]
    public void A_member_checks_in_with_the_code_whatever_its_case_or_dashes_from_half_an_hour_before_until_the_end()
    {
        AttendanceRules.EnsureCheckIn(Convened, "ABCD2345", "abcd-2345", null, Start.AddMinutes(-30));
        AttendanceRules.EnsureCheckIn(Convened, "ABCD2345", " ABCD 2345 ", null, Start.AddHours(3));
        Assert.Equal("Check-in closed",
            Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureCheckIn(Convened, "ABCD2345", "ABCD2345", null,
                Start.AddMinutes(-31))).Title);
        Assert.Equal("Check-in closed",
            Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureCheckIn(Convened, "ABCD2345", "ABCD2345", null,
                Start.AddHours(3).AddSeconds(1))).Title);
        Assert.Equal("Check-in closed", Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureCheckIn(
            Convened with { State = SessionStates.Cancelled }, "ABCD2345", "ABCD2345", null, Start)).Title);
    }

    [Fact]
    public void Another_code_is_refused_and_a_second_check_in_too()
    {
        var wrong = Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureCheckIn(Convened, "ABCD2345", "ABCD2346", null, Start));
        var twice = Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureCheckIn(Convened, "ABCD2345", "ABCD2345",
            new AttendanceRecord(Convened.Id, Guid.NewGuid(), Start, null, AttendanceMethods.CheckIn), Start.AddMinutes(5)));

        Assert.Equal(RuleViolationKind.Unprocessable, wrong.Kind);
        Assert.Equal(RuleViolationKind.Conflict, twice.Kind);
    }

    [Fact]
    public void Codes_are_eight_unambiguous_characters_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => AttendanceRules.NewCheckInCode()).ToList();

        Assert.All(codes, code => Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void A_member_is_in_the_room_between_arrival_and_departure()
    {
        var record = new AttendanceRecord(Convened.Id, Guid.NewGuid(), Start, Start.AddHours(1), AttendanceMethods.RollCall);

        Assert.True(AttendanceRules.InRoom(record, Start.AddMinutes(59)));
        Assert.False(AttendanceRules.InRoom(record, Start.AddHours(1)));
        Assert.False(AttendanceRules.InRoom(record, Start.AddMinutes(-1)));
        Assert.True(AttendanceRules.InRoom(record with { DepartedAt = null }, Start.AddHours(2)));
    }

    [Fact]
    public void A_roll_call_after_the_session_dates_arrivals_from_its_start_and_corrections_stay_within_its_window()
    {
        Assert.Equal(Start.AddMinutes(10), AttendanceRules.RollCallArrival(Convened, Start.AddMinutes(10)));
        Assert.Equal(Start, AttendanceRules.RollCallArrival(Convened, Start.AddDays(1)));
        Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureRollCall(Convened, Start.AddHours(-1)));
        Assert.Throws<RuleViolation>(() => AttendanceRules.EnsureCorrection(Convened,
            new AttendanceCorrection(true, Start.AddHours(-2), null, "oubli"), Start.AddDays(1)));
        AttendanceRules.EnsureCorrection(Convened, new AttendanceCorrection(true, Start.AddMinutes(20), Start.AddHours(2), "oubli"),
            Start.AddDays(1));
        Assert.NotEmpty(new AttendanceCorrection(true, null, null, "oubli").Validate());
        Assert.NotEmpty(new AttendanceCorrection(false, null, null, " ").Validate());
    }

    [Fact]
    public void A_correction_names_each_broken_rule_by_its_code_with_the_words_an_api_caller_reads()
    {
        var errors = new AttendanceCorrection(true, Start.AddHours(1), Start, " ").Validate();

        Assert.Equal(["reason", "departedAt"], errors.Keys);
        Assert.Equal(["departure-after-arrival"], errors.RulesOf("departedAt").Select(rule => rule.Code));
        Assert.Equal(["A departure follows the arrival."], errors["departedAt"]);
        Assert.Equal(("text", 500), (errors.RulesOf("reason")[0].Code, (int)errors.RulesOf("reason")[0].Arguments[0]));
        Assert.Equal(["1 to 500 characters."], errors["reason"]);
    }
}
