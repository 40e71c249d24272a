namespace Assemblee.Notifications.Domain;

/// <summary>When a convened session's members are reminded of it: the day before, 24 hours ahead of its start.</summary>
public static class Reminders
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(24);

    /// <summary>
    /// The reminder's time for a session starting at <paramref name="startsAt"/>, told to its members at
    /// <paramref name="toldAt"/> (convened or moved); null when that message is itself less than a day ahead, since it
    /// reminds them already.
    /// </summary>
    public static DateTimeOffset? DueAt(DateTimeOffset startsAt, DateTimeOffset toldAt) =>
        startsAt - Lead is var due && due > toldAt ? due : null;

    /// <summary>
    /// Whether a reminder prepared for a start at <paramref name="remindedStart"/> still holds for the session as it is now: still
    /// convened, starting then (within a second: events and replies do not give times to the same precision).
    /// </summary>
    public static bool Holds(DateTimeOffset remindedStart, string sessionState, DateTimeOffset sessionStart) =>
        sessionState == "convened" && (sessionStart - remindedStart).Duration() < TimeSpan.FromSeconds(1);

    /// <summary>The start of the source key of every reminder of a session (one per start it was given).</summary>
    public static string SourceKeyOf(Guid sessionId) => $"sessions.session-reminder:{sessionId}:";
}
