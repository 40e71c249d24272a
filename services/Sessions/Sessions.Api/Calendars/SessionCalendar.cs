using Assemblee.Sessions.Domain;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Assemblee.Sessions.Calendars;

/// <summary>
/// Sessions as iCalendar (RFC 5545), written with Ical.Net: one event per session, whose UID never changes and whose SEQUENCE is the
/// session's revision, so that a calendar application updates the event it already has when a session is moved or cancelled.
/// Guests are left out: public minutes, not calendars, name them, and only when they agree.
/// </summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Uid(Guid sessionId) => $"session-{sessionId}@assemblee.paris.fr";

    public static string Write(string name, IEnumerable<Session> sessions, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Ville de Paris//Assemblee//FR", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var session in sessions)
        {
            calendar.Events.Add(Event(session, now));
        }
        return new CalendarSerializer(calendar).SerializeToString()!;
    }

    private static CalendarEvent Event(Session session, DateTimeOffset now) => new()
    {
        Uid = Uid(session.Id),
        Sequence = session.Sequence,
        DtStamp = Utc(now),
        DtStart = Utc(session.StartsAt),
        DtEnd = Utc(session.EndsAt),
        Summary = session.Title,
        Description = Describe(session),
        Location = session.Place is { } place
            ? string.Join(", ", new[] { place.Room, place.Address }.Where(part => !string.IsNullOrWhiteSpace(part)))
            : session.OnlineLink,
        Url = session.OnlineLink is { } link ? new Uri(link) : null,
        Status = session.State switch
        {
            SessionStates.Cancelled => "CANCELLED",
            SessionStates.Planned or SessionStates.Postponed => "TENTATIVE",
            _ => "CONFIRMED",
        },
    };

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, "UTC", hasTime: true);

    /// <summary>The agenda, numbered, with its speakers, then how to get in.</summary>
    private static string Describe(Session session)
    {
        var lines = session.Agenda.Select((item, index) =>
            $"{index + 1}. {item.Title}{(item.Speakers.Count > 0 ? $" ({string.Join(", ", item.Speakers)})" : "")}").ToList();
        if (session.State == SessionStates.Postponed)
        {
            lines.Insert(0, "Reportée : la nouvelle date sera communiquée.");
        }
        if (session.Place?.Access is { Length: > 0 } access)
        {
            lines.Add(access);
        }
        if (session.OnlineLink is { } link && session.Place is not null)
        {
            lines.Add(link);
        }
        return string.Join("\n", lines);
    }
}
