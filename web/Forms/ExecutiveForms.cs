namespace Assemblee.Web.Forms;

/// <summary>The executive's ruling on a submitted question; merged names the open question of the body it joins.</summary>
public sealed class RulingForm
{
    public static readonly string[] Decisions = ["admissible", "inadmissible", "merged"];

    public string Decision { get; set; } = "admissible";

    public string? Reason { get; set; }

    public string? MergedInto { get; set; }

    public object ToRequest() => new
    {
        decision = Decision,
        reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
        mergedInto = Decision == "merged" && Guid.TryParse(MergedInto, out var target) ? target : (Guid?)null,
    };
}

/// <summary>The exchange session whose agenda takes an oral question or an interpellation.</summary>
public sealed class SchedulingForm
{
    public string? SessionId { get; set; }
}

/// <summary>An answer as it is published: who answers (the deputy for housing, a department) and what.</summary>
public sealed class AnswerForm
{
    public string? AnsweredAs { get; set; }

    public string? Text { get; set; }

    public object ToRequest() => new { answeredAs = AnsweredAs?.Trim() ?? "", text = Text ?? "" };
}
