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

/// <summary>What a department commits to do to carry out an adopted text, and by when if it says.</summary>
public sealed class CommitmentForm
{
    /// <summary>Where a commitment stands, as documents names it.</summary>
    public static readonly string[] Statuses = ["planned", "in-progress", "done", "abandoned"];

    public string? Title { get; set; }

    public string? Department { get; set; }

    public DateOnly? DueOn { get; set; }

    public object ToRequest() => new { title = Title?.Trim() ?? "", department = Department?.Trim() ?? "", dueOn = DueOn };
}

/// <summary>An account of the administration or the executive named to write a text, and in what capacity.</summary>
public sealed class CoAuthorForm
{
    public string? Subject { get; set; }

    public string? Role { get; set; }
}
