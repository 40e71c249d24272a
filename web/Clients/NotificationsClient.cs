namespace Assemblee.Web.Clients;

/// <summary>Quiet hours as written in Paris time, "21:00" to "08:00".</summary>
public sealed record QuietHours(string From, string Until);

/// <summary>A member's choices: the language of their messages, quiet hours, and per kind of message its channels.</summary>
public sealed record MessagePreferences(string Language, QuietHours? QuietHours, IReadOnlyDictionary<string, string[]> Channels);

/// <summary>Notifications' API as a member uses it: their message preferences.</summary>
public sealed class NotificationsClient(HttpClient http) : ApiClient(http)
{
    public Task<MessagePreferences?> PreferencesAsync(string bodyId, CancellationToken cancellationToken) =>
        FindAsync<MessagePreferences>(Path(bodyId), cancellationToken);

    public Task<Submitted<MessagePreferences>> SavePreferencesAsync(string bodyId, MessagePreferences preferences,
        CancellationToken cancellationToken) =>
        SubmitAsync<MessagePreferences>(HttpMethod.Put, Path(bodyId), JsonContent.Create(preferences), cancellationToken);

    private static string Path(string bodyId) => $"/api/notifications/bodies/{Escape(bodyId)}/preferences/me";
}
