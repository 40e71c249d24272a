namespace Assemblee.Notifications.Domain;

/// <summary>
/// One e-mail as the ledger keeps it until its content is erased: the address it goes to (read from membership when the
/// campaign was prepared), the wording its template rendered, the calendar file it carries, and where to unsubscribe.
/// </summary>
public sealed record EmailMessage(
    string ToAddress, string ToName, string Subject, string Body, string? CalendarIcs, string CalendarFileName, string UnsubscribeUrl);

/// <summary>
/// When a message that could not be sent is tried again: after 30 s, then twice as long each time up to an hour, and
/// abandoned (failed) after <see cref="MaxAttempts"/> attempts, about a day and a half in all.
/// </summary>
public static class DeliveryRetry
{
    public const int MaxAttempts = 40;

    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1 for the first); null when it is the last.</summary>
    public static TimeSpan? After(int attempts, TimeSpan? first = null) => attempts >= MaxAttempts
        ? null
        : TimeSpan.FromTicks(Math.Min(Longest.Ticks, (first ?? First).Ticks * (1L << Math.Min(attempts - 1, 20))));
}
