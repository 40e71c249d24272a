using Assemblee.Common.Rules;
using Assemblee.Sessions.Domain;

namespace Assemblee.Sessions.Domain.Tests;

public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Promotion = Guid.NewGuid();
    private static readonly Guid Atelier = Guid.NewGuid();

    private static Session Session(Guid? atelier = null, string state = SessionStates.Planned, int inDays = 2) => new(
        Guid.NewGuid(), "body", Promotion, atelier, atelier is null ? "plenary" : "atelier-meeting", "S", [],
        new Place("1 rue X", null, null), null, Now.AddDays(inDays), Now.AddDays(inDays).AddHours(2), [], true, state);

    private static RosterMember Member(string state = RosterMember.Active, Guid? atelier = null, Guid? promotion = null) =>
        new(Guid.NewGuid(), promotion ?? Promotion, atelier, state);

    [Fact]
    public void A_plenary_concerns_every_active_member_of_its_promotion_and_an_atelier_meeting_only_its_atelier()
    {
        Assert.True(SessionRules.Concerns(Session(), Member(atelier: Atelier)));
        Assert.False(SessionRules.Concerns(Session(), Member(RosterMember.Pending)));
        Assert.False(SessionRules.Concerns(Session(), Member(RosterMember.Left)));
        Assert.False(SessionRules.Concerns(Session(), Member(promotion: Guid.NewGuid())));
        Assert.True(SessionRules.Concerns(Session(Atelier), Member(atelier: Atelier)));
        Assert.False(SessionRules.Concerns(Session(Atelier), Member(atelier: Guid.NewGuid())));
        Assert.False(SessionRules.Concerns(Session(Atelier), Member()));
    }

    [Fact]
    public void Only_a_planned_session_that_has_not_started_is_convened_and_invitations_close_when_it_starts()
    {
        SessionRules.EnsureConvenable(Session(), Now);
        Assert.Throws<RuleViolation>(() => SessionRules.EnsureConvenable(Session(state: SessionStates.Convened), Now));
        Assert.Throws<RuleViolation>(() => SessionRules.EnsureConvenable(Session(inDays: -1), Now));
        Assert.True(SessionRules.InvitationsOpen(Session(state: SessionStates.Convened), Now));
        Assert.False(SessionRules.InvitationsOpen(Session(state: SessionStates.Convened, inDays: -1), Now));
        Assert.False(SessionRules.InvitationsOpen(Session(), Now));
        Assert.Throws<RuleViolation>(() => SessionRules.EnsureCancellable(Session(state: SessionStates.Cancelled)));
    }

    [Fact]
    public void A_session_request_names_every_problem_at_once()
    {
        var request = new SessionRequest("party", "", null, null, "http://insecure.example", Now, Now.AddHours(-1), null, null, true);

        var errors = request.Validate();

        Assert.Equal(["endsAt", "kind", "onlineLink", "title"], errors.Keys.Order());
        Assert.Empty(new SessionRequest("plenary", "Plénière", null, null, "https://visio.paris.fr/x", Now, Now.AddHours(2), null, null,
            false)
            .Validate());
        Assert.Equal(["atelierId"], new SessionRequest("atelier-meeting", "Atelier", null, new Place("1 rue X", null, null), null, Now,
            Now.AddHours(2), null, null, false).Validate().Keys);
    }

    [Fact]
    public void The_current_phase_is_the_one_under_way_and_phases_may_not_overlap()
    {
        var first = new Phase(Guid.NewGuid(), "body", Promotion, "Découverte", "", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31));
        var second = first with { Name = "Exploration", StartsOn = new DateOnly(2027, 2, 1), EndsOn = new DateOnly(2027, 4, 30) };

        Assert.Equal("Exploration", Phase.Current([first, second], new DateOnly(2027, 2, 1))?.Name);
        Assert.Null(Phase.Current([first, second], new DateOnly(2027, 5, 1)));
        var overlapping = new PhaseRequest("X", null, new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 3));
        Assert.Contains("startsOn", overlapping.Validate([first, second]).Keys);
        Assert.Empty(new PhaseRequest("X", null, new DateOnly(2027, 5, 1), new DateOnly(2027, 6, 1)).Validate([first, second]));
    }
}
