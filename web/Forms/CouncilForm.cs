namespace Assemblee.Web.Forms;

/// <summary>A validated text sent to a Council session, under the reference the Council gives it (2026 V 123).</summary>
public sealed class CouncilForm
{
    public DateOnly CouncilSession { get; set; }

    public string? Reference { get; set; }

    public object ToRequest() => new { councilSession = CouncilSession, reference = Reference?.Trim() ?? "" };
}

/// <summary>What the Council decided, on which day, and the text it adopted when it amended it.</summary>
public sealed class OutcomeForm
{
    public static readonly string[] Outcomes = ["adopted", "adopted-as-amended", "rejected", "withdrawn"];

    public string Outcome { get; set; } = "adopted";

    public DateOnly DecidedOn { get; set; }

    public string? CouncilText { get; set; }

    public object ToRequest() => new
    {
        outcome = Outcome,
        decidedOn = DecidedOn,
        councilText = string.IsNullOrWhiteSpace(CouncilText) ? null : CouncilText,
    };
}
