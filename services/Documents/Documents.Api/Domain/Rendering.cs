using System.Text.Encodings.Web;
using System.Text.Unicode;
using Ganss.Xss;
using Markdig;

namespace Assemblee.Documents.Domain;

/// <summary>
/// Markdown to HTML that is safe to show anywhere: Markdig with raw HTML disabled, then HtmlSanitizer on the result, so that
/// neither a writer's markup nor a parser's corner case reaches a reader's browser as script.
/// </summary>
public static class Rendering
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = new();

    public static string Html(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>Text made safe inside HTML, French letters kept as they are (the default encoder writes é as &amp;#xE9;).</summary>
    public static string Encode(string text) => Encoder.Encode(text);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Html(IReadOnlyList<DiffPart> parts) => string.Concat(parts.Select(part => part.Change switch
    {
        "deleted" => $"<del>{Encode(part.Text)}</del>",
        "inserted" => $"<ins>{Encode(part.Text)}</ins>",
        _ => Encode(part.Text),
    }));
}
