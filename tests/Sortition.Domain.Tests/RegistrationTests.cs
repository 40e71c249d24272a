using Assemblee.Common.Rules;

namespace Assemblee.Sortition.Domain.Tests;

/// <summary>What happens when someone answers their letter: who is refused, why, and what profile is kept.</summary>
public sealed class RegistrationTests
{
    private static readonly DateTimeOffset Deadline = new(2027, 1, 31, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BeforeDeadline = Deadline.AddDays(-10);

    private static readonly DrawSpecification Specification = new(
        "Essai", 10,
        [new SeatGroup("electoral-list", 8, "electoral", 60, 18, 120), new SeatGroup("minors", 2, "minors", 20, 16, 17)],
        [
            new CategorySpecification("gender", [new QuotaRange("female", 4, 6), new QuotaRange("male", 4, 6)]),
            new CategorySpecification("age", [new QuotaRange("16-44", 3, 7), new QuotaRange("45+", 3, 7)]),
        ],
        [new AgeClass("16-44", 16, 44), new AgeClass("45+", 45, 120)],
        ["arrondissement"], false, 20, new DateOnly(2026, 11, 1), Deadline, new DateOnly(2027, 6, 30));

    private static AnsweredInvitation Invitation(
        string seatGroup = "electoral-list", DateOnly? birthDate = null, string state = DrawStates.Invited, bool answered = false,
            bool selected = false) =>
        new(Guid.NewGuid(), Guid.NewGuid(), seatGroup, birthDate ?? new DateOnly(1980, 5, 4), Specification, state, answered, selected);

    private static RegistrationRequest Answer(string gender = "female", string? email = "camille@example.org", string? phone = null) =>
        new("ABCD-1234", new Dictionary<string, string> { ["gender"] = gender }, email, phone);

    [Fact]
    public void An_eligible_answer_keeps_the_seat_group_the_age_class_from_the_list_and_the_declared_answers()
    {
        var (answer, errors) = Registration.Check(Invitation(), Answer(email: "  camille@example.org "), BeforeDeadline);

        Assert.Empty(errors);
        Assert.Equal(new Dictionary<string, string> { ["seat-group"] = "electoral-list", ["gender"] = "female", ["age"] = "45+" },
            answer!.Profile.ToDictionary());
        Assert.Equal("camille@example.org", answer.Email);
        Assert.Null(answer.Phone);
    }

    [Theory]
    [InlineData(true, false, DrawStates.Invited, 0, RuleViolationKind.Conflict, "Already registered")]
    [InlineData(false, false, DrawStates.Prepared, 0, RuleViolationKind.Conflict, "Registration closed")]
    [InlineData(false, false, DrawStates.Invited, 11, RuleViolationKind.Conflict, "Registration closed")]
    [InlineData(false, true, DrawStates.Invited, 0, RuleViolationKind.Unprocessable, "Not eligible")]
    public void Answers_the_draw_can_no_longer_take_are_refused_with_the_reason(
        bool answered, bool selected, string state, int daysAfterDeadline, RuleViolationKind kind, string title)
    {
        var now = daysAfterDeadline > 0 ? Deadline.AddDays(daysAfterDeadline) : BeforeDeadline;

        var refusal = Assert.Throws<RuleViolation>(() => Registration.Check(Invitation(state: state, answered: answered,
            selected: selected), Answer(), now));

        Assert.Equal(kind, refusal.Kind);
        Assert.Equal(title, refusal.Title);
    }

    [Fact]
    public void A_person_outside_the_seat_groups_age_range_is_not_eligible()
    {
        var tooOld = Invitation(seatGroup: "minors", birthDate: new DateOnly(1990, 1, 1));

        var refusal = Assert.Throws<RuleViolation>(() => Registration.Check(tooOld, Answer(), BeforeDeadline));

        Assert.Equal("Not eligible", refusal.Title);
        Assert.Contains("aged 16 to 17", refusal.Message);
    }

    [Fact]
    public void Every_unusable_answer_is_named_at_once()
    {
        var request = new RegistrationRequest("ABCD-1234", new Dictionary<string, string> { ["gender"] = "other", ["diploma"] = "none" },
            "not-an-address", "call me");

        var (answer, errors) = Registration.Check(Invitation(), request, BeforeDeadline);

        Assert.Null(answer);
        Assert.Equal(["email", "phone", "profile.diploma", "profile.gender"], errors.Keys.Order());
    }
}
