using System.Text.Json;
using System.Text.Json.Nodes;
using Assemblee.Web.Clients;
using Assemblee.Web.Components;

namespace Assemblee.Web.Forms;

/// <summary>
/// A session as the console's planning form holds it: the day and times in Paris, the agenda one item per line, a place or an
/// online link. A session whose end is not after its start ends the next day (an evening that runs past midnight).
/// </summary>
public sealed class SessionForm
{
    public static readonly string[] Kinds = ["plenary", "atelier-meeting", "hearing", "training", "site-visit", "veille-exchange"];

    public string Kind { get; set; } = "plenary";

    public string? Title { get; set; }

    public string? Agenda { get; set; }

    public string? Address { get; set; }

    public string? Room { get; set; }

    public string? OnlineLink { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly StartsAt { get; set; } = new(18, 30);

    public TimeOnly EndsAt { get; set; } = new(21, 0);

    /// <summary>The atelier an atelier meeting is for (empty for the other kinds).</summary>
    public string? AtelierId { get; set; }

    public bool Public { get; set; }

    public static SessionForm Model(DateOnly today) => new() { Date = today.AddDays(7) };

    /// <summary>A session's day, times (in Paris) and place as the form shows them, to move it.</summary>
    public static SessionForm Of(SessionDetails session)
    {
        var starts = TimeZoneInfo.ConvertTime(session.StartsAt, Display.Paris);
        var ends = TimeZoneInfo.ConvertTime(session.EndsAt, Display.Paris);
        return new()
        {
            Date = DateOnly.FromDateTime(starts.DateTime),
            StartsAt = Minute(starts),
            EndsAt = Minute(ends),
            Address = session.Place?.Address,
            Room = session.Place?.Room,
            OnlineLink = session.OnlineLink,
        };
    }

    /// <summary>The session as sessions reads it; the service's own rules check the rest, field by field.</summary>
    public object ToRequest()
    {
        var (startsAt, endsAt) = Moment();
        return new
        {
            kind = Kind,
            title = Title?.Trim() ?? "",
            agenda = Lines(Agenda).Select(title => new { title, speakers = Array.Empty<string>(), documentIds = Array.Empty<Guid>() }),
            place = Place(access: null),
            onlineLink = Blank(OnlineLink),
            startsAt,
            endsAt,
            atelierId = Guid.TryParse(AtelierId, out var atelier) ? atelier : (Guid?)null,
            guests = Array.Empty<object>(),
            @public = Public,
        };
    }

    /// <summary>
    /// The session as sessions holds it, moved to this form's day, times and place. Everything else (the agenda's speakers and
    /// documents, the guests, the atelier, the way in) goes back as it was: moving a session loses nothing.
    /// </summary>
    public JsonObject Moved(JsonObject session)
    {
        var (startsAt, endsAt) = Moment();
        var moved = session.DeepClone().AsObject();
        moved["startsAt"] = startsAt;
        moved["endsAt"] = endsAt;
        moved["place"] = JsonSerializer.SerializeToNode(Place(session["place"]?["access"]?.GetValue<string>()), JsonSerializerOptions.Web);
        moved["onlineLink"] = Blank(OnlineLink);
        return moved;
    }

    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    /// <summary>The start and the end; an end that is not after the start is the next day's.</summary>
    private (DateTimeOffset StartsAt, DateTimeOffset EndsAt) Moment() =>
        (Display.InParis(Date, StartsAt), Display.InParis(EndsAt > StartsAt ? Date : Date.AddDays(1), EndsAt));

    private SessionPlace? Place(string? access) =>
        string.IsNullOrWhiteSpace(Address) ? null : new SessionPlace(Address.Trim(), Blank(Room), access);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The time to the minute, as a time field steps by minutes and would refuse to send one with seconds.</summary>
    private static TimeOnly Minute(DateTimeOffset moment) => new(moment.Hour, moment.Minute);
}
