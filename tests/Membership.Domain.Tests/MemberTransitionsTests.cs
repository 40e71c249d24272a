using System.Globalization;
using Assemblee.Common.Rules;

namespace Assemblee.Membership.Domain.Tests;

/// <summary>What the secretariat may record about a member, and the reason it reads when it may not.</summary>
public sealed class MemberTransitionsTests
{
    private static readonly DateTimeOffset Entered = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Entered.AddDays(21);

    private static Member Someone(string state = MemberStates.Drawn, bool minor = false, bool consent = false) => new(
        Guid.NewGuid(), Guid.NewGuid(), "R0001", "electoral-list", state, "Camille D.", 11, minor, Entered, Deadline, false,
        null, null, null, consent, null, null, "paris-citizens-assembly");

    [Fact]
    public void A_drawn_adult_confirms_and_a_minor_only_once_consent_is_recorded()
    {
        MemberTransitions.EnsureConfirmable(Someone());
        MemberTransitions.EnsureConfirmable(Someone(minor: true, consent: true));

        var refusal = Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureConfirmable(Someone(minor: true)));

        Assert.Equal("Consent required", refusal.Title);
        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
    }

    [Theory]
    [InlineData(MemberStates.Active)]
    [InlineData(MemberStates.Declined)]
    public void Only_a_drawn_member_confirms(string state) =>
        Assert.Equal("cannot-confirm", Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureConfirmable(Someone(state))).Code);

    [Fact]
    public void Consent_is_for_minors_who_hold_their_seat_and_is_recorded_once()
    {
        MemberTransitions.EnsureConsentExpected(Someone(minor: true));

        Assert.Equal("not-a-minor", Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureConsentExpected(Someone())).Code);
        Assert.Equal("consent-not-expected",
            Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureConsentExpected(Someone(minor: true, consent: true))).Code);
        Assert.Equal("consent-not-expected",
            Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureConsentExpected(Someone(MemberStates.Declined, minor: true))).Code);
    }

    [Theory]
    [InlineData(MemberStates.Declined, MemberStates.Drawn, 1, true)]
    [InlineData(MemberStates.Declined, MemberStates.Active, 1, false)]
    [InlineData(MemberStates.Resigned, MemberStates.Active, 1, true)]
    [InlineData(MemberStates.Resigned, MemberStates.Drawn, 1, false)]
    [InlineData(MemberStates.DeadlineMissed, MemberStates.Drawn, 22, true)]
    [InlineData(MemberStates.DeadlineMissed, MemberStates.Drawn, 20, false)]
    public void A_departure_starts_from_its_state_and_a_missed_deadline_only_once_passed(string kind, string state, int daysAfterEntry,
        bool allowed)
    {
        void Depart() => MemberTransitions.EnsureDeparture(Someone(state), kind, Entered.AddDays(daysAfterEntry));

        if (allowed)
        {
            Depart();
        }
        else
        {
            Assert.Equal(RuleViolationKind.Conflict, Assert.Throws<RuleViolation>(Depart).Kind);
        }
    }

    [Fact]
    public void A_seat_is_asked_for_again_only_when_it_is_vacant()
    {
        MemberTransitions.EnsureVacant(Someone(MemberStates.Declined), substituteDesignated: false);

        Assert.Contains("already designated",
            Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureVacant(Someone(MemberStates.Declined),
                substituteDesignated: true)).Message);
        Assert.Contains("is active", Assert.Throws<RuleViolation>(() => MemberTransitions.EnsureVacant(Someone(MemberStates.Active),
            false)).Message);
    }

    [Theory]
    [InlineData(MemberStates.Active, MemberStates.Resigned)]
    [InlineData(MemberStates.Drawn, MemberStates.Declined)]
    [InlineData(MemberStates.Declined, null)]
    public void A_member_replaced_in_sortition_directly_leaves_as_their_state_implies(string state, string? departure) =>
        Assert.Equal(departure, MemberTransitions.DepartureOnReplacement(Someone(state)));

    [Theory]
    [InlineData("75001", 1)]
    [InlineData("75020", 20)]
    [InlineData("75116", 16)]
    [InlineData("75021", null)]
    [InlineData("92100", null)]
    public void The_arrondissement_comes_from_a_Paris_postcode(string postcode, int? arrondissement) =>
        Assert.Equal(arrondissement, MemberRules.ArrondissementOf(postcode));

    [Theory]
    [InlineData("2009-12-02", true)]
    [InlineData("2008-12-02", true)]
    [InlineData("2008-12-01", false)]
    [InlineData("1960-05-17", false)]
    public void A_person_is_a_minor_until_their_eighteenth_birthday(string birthDate, bool minor) =>
        Assert.Equal(minor, MemberRules.IsMinor(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), new DateOnly(2026, 12, 1)));
}
