namespace Assemblee.Notifications.Domain;

/// <summary>
/// The messages one event causes, of one kind: opened when the event arrives (or refused, when its template does not render),
/// prepared in the background, then followed by state. <paramref name="SourceKey"/> names the event, so that a redelivered
/// event opens nothing new; <paramref name="Parameters"/> is what the event said that the messages need. A campaign with
/// <paramref name="DueAt"/> waits until then to be prepared (a reminder).
/// </summary>
public sealed record Campaign(
    Guid Id, string BodyId, string Kind, string SourceKey, string Title, IReadOnlyDictionary<string, string> Parameters,
    string Language, int TemplateVersion, string State, string? Refusal, int? Expected, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadyAt, DateTimeOffset? DueAt = null);

public static class CampaignStates
{
    public const string Preparing = "preparing";
    public const string Ready = "ready";
    public const string Refused = "refused";

    /// <summary>Given up before anything was written: what it was about no longer holds (the reason is in its refusal).</summary>
    public const string Withdrawn = "withdrawn";
}

public static class MessageStates
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Bounced = "bounced";

    public static IReadOnlyList<string> All { get; } = [Queued, Sent, Failed, Bounced];
}
