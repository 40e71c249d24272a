using Assemblee.Web.Clients;

namespace Assemblee.Web.Forms;

/// <summary>
/// A member's message preferences as their form sends them: the language, quiet hours when ticked, and for each kind of
/// message the channels ticked (none: that kind is not sent, except the letters the law requires, which the form does not list).
/// </summary>
public static class PreferencesForm
{
    /// <summary>The messages a member receives by e-mail and may move to SMS or turn off.</summary>
    public static readonly string[] Kinds =
    [
        "convocation", "session-change", "session-cancellation", "session-reminder", "vote-opened", "vote-result",
        "document-published", "amendment-proposed",
    ];

    public static readonly string[] Channels = ["email", "sms"];

    /// <summary>What a kind goes by when the member has not chosen: e-mail.</summary>
    public static IReadOnlyList<string> ChannelsOf(MessagePreferences preferences, string kind) =>
        preferences.Channels.TryGetValue(kind, out var chosen) ? chosen : ["email"];

    public static MessagePreferences Read(IFormCollection form) => new(
        form["language"].ToString(),
        form["quiet"] == "on" ? new QuietHours(form["from"].ToString(), form["until"].ToString()) : null,
        Kinds.ToDictionary(kind => kind, kind => form[$"channels.{kind}"].OfType<string>().Where(Channels.Contains).ToArray()));
}
