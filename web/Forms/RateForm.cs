namespace Assemblee.Web.Forms;

/// <summary>A compensation rate as the console's form holds it: an empty kind means every kind of session.</summary>
public sealed class RateForm
{
    public static readonly string[] Units = ["session", "half-day"];

    public string? SessionKind { get; set; }

    public string Unit { get; set; } = "session";

    public decimal Amount { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public object ToRequest() => new
    {
        sessionKind = string.IsNullOrEmpty(SessionKind) ? null : SessionKind,
        unit = Unit,
        amount = Amount,
        effectiveFrom = EffectiveFrom,
        effectiveTo = EffectiveTo,
    };
}
