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

    /// <summary>The session as sessions reads it; the service's own rules check the rest, field by field.</summary>
    public object ToRequest()
    {
        var startsAt = InParis(Date, StartsAt);
        var endsAt = InParis(EndsAt > StartsAt ? Date : Date.AddDays(1), EndsAt);
        return new
        {
            kind = Kind,
            title = Title?.Trim() ?? "",
            agenda = Lines(Agenda).Select(title => new { title, speakers = Array.Empty<string>(), documentIds = Array.Empty<Guid>() }),
            place = string.IsNullOrWhiteSpace(Address)
                ? null
                : new { address = Address.Trim(), room = Blank(Room), access = (string?)null },
            onlineLink = Blank(OnlineLink),
            startsAt,
            endsAt,
            atelierId = Guid.TryParse(AtelierId, out var atelier) ? atelier : (Guid?)null,
            guests = Array.Empty<object>(),
            @public = Public,
        };
    }

    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset InParis(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Display.Paris.GetUtcOffset(local));
    }
}
