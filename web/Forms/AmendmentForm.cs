namespace Assemblee.Web.Forms;

/// <summary>An amendment as the member's form holds it: the section, what to do with it, the new text and why.</summary>
public sealed class AmendmentForm
{
    public static readonly string[] Operations = ["replace", "insert", "delete"];

    public int Section { get; set; } = 1;

    public string Operation { get; set; } = "replace";

    /// <summary>The new section's heading, for an insertion.</summary>
    public string? Heading { get; set; }

    public string? Text { get; set; }

    public string? Motivation { get; set; }

    /// <summary>The amendment as documents reads it: a deletion sends no text.</summary>
    public object ToRequest() => new
    {
        section = Section,
        operation = Operation,
        heading = Operation == "insert" ? Heading?.Trim() : null,
        text = Operation == "delete" ? null : Text,
        motivation = Motivation?.Trim() ?? "",
    };
}
