namespace Assemblee.Web.Clients;

/// <summary>Quiet hours as written in Paris time, "21:00" to "08:00".</summary>
public sealed record QuietHours(string From, string Until);

/// <summary>A member's choices: the language of their messages, quiet hours, and per kind of message its channels.</summary>
public sealed record MessagePreferences(string Language, QuietHours? QuietHours, IReadOnlyDictionary<string, string[]> Channels);

/// <summary>A campaign's letters as one print batch: how many, and when the print shop printed them and the post took them.</summary>
public sealed record LetterBatch(int Letters, int Bytes, DateTimeOffset RenderedAt, DateTimeOffset? PrintedAt, DateTimeOffset? PostedAt);

/// <summary>
/// A campaign: the messages an event caused (a convocation, the draw's letters…), where it stands, how many are written of
/// those expected, how many in each state, and its letters' batch.
/// </summary>
public sealed record Campaign(Guid Id, string Kind, string Title, string State, string? Refusal, int? Expected, int Written,
    IReadOnlyDictionary<string, int> ByState, DateTimeOffset CreatedAt, LetterBatch? Batch);

/// <summary>A message's wording for a kind and language, in Liquid: the body's latest version, or version 0, the built-in one.</summary>
public sealed record MessageTemplate(string Kind, string Channel, string Language, int Version, string Subject, string Body);

/// <summary>A wording rendered with its kind's sample data (a fictitious member, session or draw).</summary>
public sealed record TemplatePreview(string Subject, string Body);

/// <summary>
/// Notifications' API: a member's message preferences; the secretariat's campaigns, their letters and access log, and the
/// body's own wording of each message.
/// </summary>
public sealed class NotificationsClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<Campaign>> CampaignsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<Campaign>($"{Body(bodyId)}/campaigns", cancellationToken);

    /// <summary>Every letter of the campaign in one print-ready PDF; notifications logs the reading.</summary>
    public Task<IssuedFile?> BatchAsync(string bodyId, Guid campaignId, CancellationToken cancellationToken) =>
        FileAsync($"{Body(bodyId)}/campaigns/{campaignId}/batch.pdf", $"lettres-{campaignId}.pdf", cancellationToken);

    /// <summary>The batch's next step: printed by the print shop, then posted (its letters are then sent).</summary>
    public Task<Submitted<LetterBatch>> MarkBatchAsync(string bodyId, Guid campaignId, string step, CancellationToken cancellationToken) =>
        SubmitAsync<LetterBatch>(HttpMethod.Post, $"{Body(bodyId)}/campaigns/{campaignId}/batch/{step}", null, cancellationToken);

    /// <summary>Notifications' personal-data access log for the body: who read letters and contact data.</summary>
    public Task<IReadOnlyList<PersonalDataRead>> PersonalDataReadsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<PersonalDataRead>($"{Body(bodyId)}/personal-data-reads", cancellationToken);

    public Task<MessagePreferences?> PreferencesAsync(string bodyId, CancellationToken cancellationToken) =>
        FindAsync<MessagePreferences>(Path(bodyId), cancellationToken);

    public Task<Submitted<MessagePreferences>> SavePreferencesAsync(string bodyId, MessagePreferences preferences,
        CancellationToken cancellationToken) =>
        SubmitAsync<MessagePreferences>(HttpMethod.Put, Path(bodyId), JsonContent.Create(preferences), cancellationToken);

    public Task<IReadOnlyList<MessageTemplate>> TemplatesAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<MessageTemplate>($"{Body(bodyId)}/templates", cancellationToken);

    public Task<IReadOnlyList<MessageTemplate>> TemplateVersionsAsync(string bodyId, string kind, string language,
        CancellationToken cancellationToken) =>
        ListAsync<MessageTemplate>($"{Template(bodyId, kind, language)}/versions", cancellationToken);

    /// <summary>Renders a wording not yet saved, so that the secretariat reads the message as a member would.</summary>
    public Task<Submitted<TemplatePreview>> PreviewTemplateAsync(string bodyId, string kind, string language, string subject,
        string body, CancellationToken cancellationToken) =>
        SubmitAsync<TemplatePreview>(HttpMethod.Post, $"{Template(bodyId, kind, language)}/preview",
            JsonContent.Create(new { subject, body }), cancellationToken);

    /// <summary>Saves the next version; the messages written from then on use it.</summary>
    public Task<Submitted<MessageTemplate>> WriteTemplateAsync(string bodyId, string kind, string language, string subject,
        string body, CancellationToken cancellationToken) =>
        SubmitAsync<MessageTemplate>(HttpMethod.Put, Template(bodyId, kind, language), JsonContent.Create(new { subject, body }),
            cancellationToken);

    private static string Template(string bodyId, string kind, string language) =>
        $"{Body(bodyId)}/templates/{Escape(kind)}/{Escape(language)}";

    private static string Path(string bodyId) => $"{Body(bodyId)}/preferences/me";

    private static string Body(string bodyId) => $"/api/notifications/bodies/{Escape(bodyId)}";
}
