using Assemblee.Common.Rules;

namespace Assemblee.Membership.Domain.Tests;

/// <summary>Who may join which atelier, and when.</summary>
public sealed class AtelierChoiceTests
{
    private static readonly Guid Atelier = Guid.NewGuid();
    private static readonly DateTimeOffset Closes = new(2027, 1, 15, 18, 0, 0, TimeSpan.Zero);

    private static bool Join(string state = MemberStates.Active, Guid? current = null, int members = 3, int capacity = 5,
        bool bySecretariat = false, DateTimeOffset? now = null) =>
        AtelierChoice.EnsureCanJoin(state, current, Atelier, "Environnement", members, capacity, Closes, bySecretariat, now
            ?? Closes.AddDays(-1));

    [Fact]
    public void An_active_member_joins_an_atelier_with_room_while_choice_is_open() => Assert.True(Join());

    [Fact]
    public void Joining_the_atelier_one_is_already_in_changes_nothing() => Assert.False(Join(current: Atelier));

    [Fact]
    public void Only_active_members_join() =>
        Assert.Equal("not-an-active-member", Assert.Throws<RuleViolation>(() => Join(MemberStates.Drawn)).Code);

    [Fact]
    public void A_full_atelier_refuses() =>
        Assert.Equal("atelier-full", Assert.Throws<RuleViolation>(() => Join(members: 5, capacity: 5)).Code);

    [Fact]
    public void After_choice_closes_only_the_secretariat_moves_members()
    {
        Assert.Equal("choice-closed", Assert.Throws<RuleViolation>(() => Join(now: Closes)).Code);
        Assert.True(Join(bySecretariat: true, now: Closes.AddDays(3)));
    }
}
