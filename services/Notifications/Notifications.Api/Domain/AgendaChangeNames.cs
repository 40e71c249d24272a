namespace Assemblee.Notifications.Domain;

/// <summary>What changed of an agenda item (veille's names: scheduling, title, rapporteur…), as an alert says it.</summary>
public static class AgendaChangeNames
{
    public const string Added = "added";

    private static readonly Dictionary<string, (string French, string English)> Names = new()
    {
        [Added] = ("inscription", "added"),
        ["scheduling"] = ("date de séance", "meeting date"),
        ["number"] = ("numéro", "number"),
        ["reference"] = ("référence", "reference"),
        ["kind"] = ("nature", "kind"),
        ["title"] = ("titre", "title"),
        ["commission"] = ("commission", "commission"),
        ["rapporteur"] = ("rapporteur", "rapporteur"),
        ["themes"] = ("thèmes", "themes"),
        ["papers"] = ("pièces", "papers"),
    };

    /// <summary>"date de séance, titre"; a name veille adds later is said as veille names it rather than dropped.</summary>
    public static string Say(IEnumerable<string> changes, string language) => string.Join(", ", changes.Select(change =>
        Names.TryGetValue(change, out var name) ? language == Languages.French ? name.French : name.English : change));
}
