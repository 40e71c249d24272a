using Assemblee.Web.Clients;

namespace Assemblee.Web.Forms;

/// <summary>
/// A new version of a draft as its writer's form holds it: the title, each part, what changed in a few words, and the version
/// it was written from, which documents checks so that a version saved meanwhile is never overwritten unseen.
/// </summary>
public sealed class DraftForm
{
    public int ReadVersion { get; set; }

    public string? Title { get; set; }

    public List<DraftPart> Parts { get; set; } = [];

    public string? Summary { get; set; }

    /// <summary>The draft as it stands.</summary>
    public static DraftForm From(WrittenDocument document) => new()
    {
        ReadVersion = document.Version,
        Title = document.Title,
        Parts = [.. document.Sections.Select(section => new DraftPart { Heading = section.Heading, Markdown = section.Markdown })],
    };

    /// <summary>
    /// Ends the form with an empty part, where the writer adds one: on a draft as it stands, and on a form posted back
    /// (refused, or kept after a version was saved meanwhile) whose last part the writer filled.
    /// </summary>
    public DraftForm WithRoomForAPart()
    {
        if (Parts.LastOrDefault() is not { IsEmpty: true })
        {
            Parts.Add(new DraftPart());
        }
        return this;
    }

    /// <summary>
    /// The text as documents reads it. A part left with neither heading nor text is dropped: that removes it. Browsers send
    /// a text area's line breaks as CRLF; they go as LF, as documents keeps them, or every line would differ from the last
    /// version in its history.
    /// </summary>
    public object ToRequest() => new
    {
        title = Title?.Trim() ?? "",
        sections = Parts.Where(part => !part.IsEmpty).Select(part => new
        {
            heading = part.Heading?.Trim() ?? "",
            markdown = part.Markdown?.ReplaceLineEndings("\n").Trim() ?? "",
        }),
        summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary.Trim(),
    };
}

public sealed class DraftPart
{
    public string? Heading { get; set; }

    public string? Markdown { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Heading) && string.IsNullOrWhiteSpace(Markdown);
}
