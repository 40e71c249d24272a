using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>The kinds of meeting a promotion holds (DOMAIN.md, Sessions).</summary>
public static class SessionKinds
{
    public static readonly IReadOnlyList<string> All =
        ["plenary", "atelier-meeting", "hearing", "training", "site-visit", "veille-exchange"];
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
public sealed record Guest(string Name, string Organisation, string Role, bool NamedInPublicMinutes);

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

    /// <summary>Whether a change of the roster still changes who is invited: only until the session starts.</summary>
    public static bool InvitationsOpen(Session session,
        DateTimeOffset now) => session.State == SessionStates.Convened && now < session.StartsAt;

    public static void EnsureConvenable(Session session, DateTimeOffset now)
    {
        if (session.State != SessionStates.Planned)
        {
            throw RuleViolation.Conflict("Not convenable", $"The session is {session.State}; only a planned session is convened.");
        }
        if (session.StartsAt <= now)
        {
            throw RuleViolation.Conflict("Not convenable", "The session has already started; convene sessions before they start.");
        }
    }

    public static void EnsureCancellable(Session session)
    {
        if (session.State is not (SessionStates.Planned or SessionStates.Convened))
        {
            throw RuleViolation.Conflict("Not cancellable", $"The session is {session.State}.");
        }
    }
}
