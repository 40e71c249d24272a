using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>The kinds of meeting a promotion holds (DOMAIN.md, Sessions).</summary>
public static class SessionKinds
{
    public static readonly IReadOnlyList<string> All =
        ["plenary", "atelier-meeting", "hearing", "training", "site-visit", "veille-exchange"];
}

/// <summary>What a SessionChanged event says changed.</summary>
public static class SessionChanges
{
    public const string Rescheduled = "rescheduled";
    public const string Updated = "updated";
    public const string Postponed = "postponed";
    public const string Held = "held";
}

public static class SessionStates
{
    public const string Planned = "planned";
    public const string Convened = "convened";
    public const string Postponed = "postponed";
    public const string Held = "held";
    public const string Cancelled = "cancelled";
}

/// <param name="DocumentIds">Documents (documents service) discussed under this item.</param>
public sealed record AgendaItem(string Title, IReadOnlyList<string> Speakers, IReadOnlyList<Guid> DocumentIds);

public sealed record Place(string Address, string? Room, string? Access);

/// <param name="NamedInPublicMinutes">Whether the guest agreed to be named in the public minutes.</param>
/// <param name="Account">The guest's sign-in subject when they have one (a deputy mayor of the executive): it lets them read the
/// session.</param>
public sealed record Guest(string Name, string Organisation, string Role, bool NamedInPublicMinutes, string? Account = null);

/// <summary>A meeting of the whole promotion (<see cref="AtelierId"/> null) or of one atelier.</summary>
/// <param name="Sequence">Raised by every change calendars must follow (iCalendar SEQUENCE).</param>
public sealed record Session(
    Guid Id, string BodyId, Guid PromotionId, Guid? AtelierId, string Kind, string Title, IReadOnlyList<AgendaItem> Agenda, Place? Place,
    string? OnlineLink, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<Guest> Guests, bool Public, string State,
    int Sequence = 0);

/// <summary>A member as sessions knows them from membership's events.</summary>
public sealed record RosterMember(Guid Id, Guid PromotionId, Guid? AtelierId, string State)
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Left = "left";
}

/// <summary>The rules of a session's life, without I/O.</summary>
public static class SessionRules
{
    /// <summary>Whom a session concerns: the promotion's active members, or those of its atelier.</summary>
    public static bool Concerns(Session session, RosterMember member) =>
        member.State == RosterMember.Active && member.PromotionId == session.PromotionId &&
        (session.AtelierId is null || session.AtelierId == member.AtelierId);

    /// <summary>Whether a change of the roster still changes who is invited: until the session starts, or while it is postponed.</summary>
    public static bool InvitationsOpen(Session session, DateTimeOffset now) =>
        session.State == SessionStates.Convened && now < session.StartsAt || session.State == SessionStates.Postponed;

    public static void EnsureConvenable(Session session, DateTimeOffset now)
    {
        if (session.State != SessionStates.Planned)
        {
            throw RuleViolation.Conflict("not-convenable", "Not convenable",
                $"The session is {session.State}; only a planned session is convened.");
        }
        if (session.StartsAt <= now)
        {
            throw RuleViolation.Conflict("not-convenable", "Not convenable",
                "The session has already started; convene sessions before they start.");
        }
    }

    public static void EnsureCancellable(Session session)
    {
        if (session.State is not (SessionStates.Planned or SessionStates.Convened or SessionStates.Postponed))
        {
            throw RuleViolation.Conflict("not-cancellable", "Not cancellable", $"The session is {session.State}.");
        }
    }

    /// <summary>Whether members were told of the session, so that its changes are events and calendar revisions.</summary>
    public static bool Announced(Session session) => session.State is SessionStates.Convened or SessionStates.Postponed;

    /// <summary>
    /// The session as revised by the secretariat before it starts. Once convened, it keeps its kind and atelier (who is invited
    /// depends on them) and returns to convened if it was postponed. Every revision raises the calendar sequence.
    /// </summary>
    public static Session Revise(Session session, SessionRequest request, DateTimeOffset now)
    {
        if (session.State is not (SessionStates.Planned or SessionStates.Convened or SessionStates.Postponed))
        {
            throw RuleViolation.Conflict("not-revisable", "Not revisable", $"The session is {session.State}.");
        }
        if (session.State == SessionStates.Convened && session.StartsAt <= now)
        {
            throw RuleViolation.Conflict("not-revisable", "Not revisable", "The session has started.");
        }
        if (request.StartsAt <= now)
        {
            throw RuleViolation.Unprocessable("in-the-past", "In the past", "A session is moved to a time that has not come yet.");
        }
        if (Announced(session) && (request.Kind != session.Kind || request.AtelierId != session.AtelierId))
        {
            throw RuleViolation.Conflict("invitations-sent", "Invitations sent",
                "A convened session keeps its kind and atelier; cancel it and plan another to change whom it concerns.");
        }
        var revised = request.ToSession(session.Id, session.BodyId, session.PromotionId);
        return revised with
        {
            State = Announced(session) ? SessionStates.Convened : session.State,
            Sequence = session.Sequence + 1,
        };
    }

    /// <summary>How a revision shows to members: a move (times, place or link) or other details.</summary>
    public static string ChangeOf(Session before, Session after) =>
        before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt || before.Place != after.Place ||
            before.OnlineLink != after.OnlineLink || before.State == SessionStates.Postponed
            ? SessionChanges.Rescheduled
            : SessionChanges.Updated;

    /// <summary>A convened session is postponed, to a date not yet known, before it starts.</summary>
    public static void EnsurePostponable(Session session, DateTimeOffset now)
    {
        if (session.State != SessionStates.Convened || session.StartsAt <= now)
        {
            throw RuleViolation.Conflict("not-postponable", "Not postponable", session.State == SessionStates.Convened
                ? "The session has started." : $"The session is {session.State}; only a convened session is postponed.");
        }
    }

    /// <summary>A convened session is recorded as held once it has started.</summary>
    public static void EnsureHoldable(Session session, DateTimeOffset now)
    {
        if (session.State != SessionStates.Convened || session.StartsAt > now)
        {
            throw RuleViolation.Conflict("not-held", "Not held", session.State == SessionStates.Convened
                ? "The session has not started." : $"The session is {session.State}.");
        }
    }
}
