using Assemblee.Common.Rules;
using Assemblee.Sessions.Calendars;
using Ical.Net;

namespace Assemblee.Sessions.Domain.Tests;

public sealed class SessionRevisionAndCalendarTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly SessionRequest Request = new("plenary", "Plénière", [new AgendaItem("Accueil", ["Secrétariat"], [])],
        new Place("Hôtel de Ville", "Salle des fêtes", "Entrée rue de Rivoli"), null, Now.AddDays(2), Now.AddDays(2).AddHours(3), null, [],
        true);

    private static readonly Session Convened = Request.ToSession(Guid.NewGuid(), "body", Guid.NewGuid()) with
    {
        State = SessionStates.Convened
    };

    [Fact]
    public void A_moved_session_keeps_its_id_raises_its_sequence_and_a_postponed_one_is_convened_again()
    {
        var moved = SessionRules.Revise(Convened, Request with { StartsAt = Now.AddDays(3), EndsAt = Now.AddDays(3).AddHours(2) }, Now);
        var retitled = SessionRules.Revise(Convened, Request with { Title = "Plénière de lancement" }, Now);
        var resumed = SessionRules.Revise(Convened with { State = SessionStates.Postponed }, Request, Now);

        Assert.Equal((Convened.Id, 1, SessionStates.Convened), (moved.Id, moved.Sequence, moved.State));
        Assert.Equal(SessionChanges.Rescheduled, SessionRules.ChangeOf(Convened, moved));
        Assert.Equal(SessionChanges.Updated, SessionRules.ChangeOf(Convened, retitled));
        Assert.Equal(SessionStates.Convened, resumed.State);
        Assert.Equal(SessionChanges.Rescheduled, SessionRules.ChangeOf(Convened with { State = SessionStates.Postponed }, resumed));
    }

    [Fact]
    public void A_convened_session_keeps_whom_it_concerns_and_nothing_moves_into_the_past_or_after_the_start()
    {
        Assert.Equal("Invitations sent", Assert.Throws<RuleViolation>(() =>
            SessionRules.Revise(Convened, Request with { Kind = "atelier-meeting", AtelierId = Guid.NewGuid() }, Now)).Title);
        Assert.Equal("In the past", Assert.Throws<RuleViolation>(() =>
            SessionRules.Revise(Convened, Request with { StartsAt = Now.AddHours(-1) }, Now)).Title);
        Assert.Throws<RuleViolation>(() => SessionRules.Revise(Convened, Request, Now.AddDays(2).AddMinutes(1)));
        Assert.Throws<RuleViolation>(() => SessionRules.Revise(Convened with { State = SessionStates.Cancelled }, Request, Now));
        SessionRules.Revise(Convened with { State = SessionStates.Planned }, Request with { Kind = "training" }, Now);
    }

    [Fact]
    public void Only_a_convened_session_is_postponed_before_it_starts_and_held_after()
    {
        SessionRules.EnsurePostponable(Convened, Now);
        SessionRules.EnsureHoldable(Convened, Now.AddDays(2));
        Assert.Throws<RuleViolation>(() => SessionRules.EnsurePostponable(Convened, Now.AddDays(2)));
        Assert.Throws<RuleViolation>(() => SessionRules.EnsureHoldable(Convened, Now));
        Assert.Throws<RuleViolation>(() => SessionRules.EnsurePostponable(Convened with { State = SessionStates.Planned }, Now));
    }

    [Fact]
    public void The_calendar_file_parses_with_the_sessions_uid_sequence_times_place_and_status()
    {
        var moved = SessionRules.Revise(Convened, Request with { StartsAt = Now.AddDays(3), EndsAt = Now.AddDays(3).AddHours(2) }, Now);
        var cancelled = Convened with { Id = Guid.NewGuid(), State = SessionStates.Cancelled, Sequence = 4 };

        var calendar = Calendar.Load(SessionCalendar.Write("Assemblée", [moved, cancelled], Now))!;

        var first = calendar.Events.Single(e => e.Uid == SessionCalendar.Uid(Convened.Id));
        Assert.Equal(1, first.Sequence);
        Assert.Equal(Now.AddDays(3).UtcDateTime, first.DtStart!.AsUtc);
        Assert.Equal(Now.AddDays(3).AddHours(2).UtcDateTime, first.DtEnd!.AsUtc);
        Assert.Equal("Salle des fêtes, Hôtel de Ville", first.Location);
        Assert.Contains("1. Accueil (Secrétariat)", first.Description);
        Assert.Equal("CONFIRMED", first.Status);
        Assert.Equal("CANCELLED", calendar.Events.Single(e => e.Uid == SessionCalendar.Uid(cancelled.Id)).Status);
        Assert.Equal(4, calendar.Events.Single(e => e.Uid == SessionCalendar.Uid(cancelled.Id)).Sequence);
    }
}
