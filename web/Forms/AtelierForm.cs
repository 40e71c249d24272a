namespace Assemblee.Web.Forms;

/// <summary>An atelier as the console creates it: its name, theme, work mandate (may wait until adopted) and capacity.</summary>
public sealed class AtelierForm
{
    public static readonly string[] Roles = ["participant", "spokesperson", "rapporteur"];

    public string? Name { get; set; }

    public string? Theme { get; set; }

    public string? Mandate { get; set; }

    public int Capacity { get; set; } = 25;

    public object ToRequest() =>
        new { name = Name?.Trim() ?? "", theme = Theme?.Trim() ?? "", mandate = Mandate ?? "", capacity = Capacity };
}
