namespace Assemblee.Web.Forms;

/// <summary>
/// A vote as the console's form holds it: the question, the options one per line (none for a vote for, against or abstention),
/// the majority rule, ballot or show of hands, secret or not, and whether the quorum must be reached to open it.
/// </summary>
public sealed class VoteForm
{
    public static readonly string[] Majorities = ["simple", "absolute", "two-thirds", "unanimity"];
    public static readonly string[] Methods = ["ballot", "show-of-hands"];

    public string? Question { get; set; }

    public string? Options { get; set; }

    public string Majority { get; set; } = "simple";

    public string Method { get; set; } = "ballot";

    public bool Secret { get; set; }

    // A box left unticked is not posted at all: what a new form holds is what an unticked box means, and a ticked default
    // belongs to the form first shown (Model).
    public bool RequiresQuorum { get; set; }

    /// <summary>The form first shown: a vote that needs the quorum, as most do.</summary>
    public static VoteForm Model() => new() { RequiresQuorum = true };

    public object ToRequest() => new
    {
        question = Question?.Trim() ?? "",
        options = SessionForm.Lines(Options) is { Count: > 0 } options ? options : null,
        majority = Majority,
        method = Method,
        secret = Secret,
        requiresQuorum = RequiresQuorum,
    };
}

/// <summary>Why the secretariat cancels a session (the members invited are told).</summary>
public sealed class CancellationForm
{
    public string? Reason { get; set; }
}
