using System.Security.Cryptography;
using System.Text;
using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain;

/// <summary>A published text: the Markdown anyone can download and the SHA-256 of its UTF-8 bytes, to check a copy.</summary>
public sealed record Publication(
    Guid DocumentId, int Version, string BodyId, Guid? PromotionId, Guid? AtelierId, Guid? SessionId, string Kind, string Title,
    string Markdown,
    string Fingerprint, DateTimeOffset PublishedAt);

/// <summary>A search hit: the publication, its rank, and an excerpt with the matched words marked.</summary>
public sealed record SearchHit(Guid DocumentId, int Version, string Kind, string Title, double Rank, string ExcerptHtml,
    DateTimeOffset PublishedAt);

public sealed record SearchQuery(string Q, string? Kind, Guid? PromotionId, Guid? AtelierId)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Q) && Q.Length <= 200, "q",
            new FieldRule("search-words", "Words to find, at most 200 characters."))
        .Require(Kind is null || DocumentKinds.All.Contains(Kind), "kind", FieldRule.OneOf(DocumentKinds.All));
}

/// <summary>Publication: validated texts become public, in a canonical Markdown whose fingerprint anyone can recompute.</summary>
public static class Publishing
{
    public static void EnsurePublishable(Document document)
    {
        if (document.State is not (DocumentStates.Validated or DocumentStates.Published))
        {
            throw RuleViolation.Conflict("not-validated", "Not validated", "A document is published once the members have validated it.");
        }
    }

    /// <summary>The canonical text: the title, then each section's heading and text, with Unix line ends.</summary>
    public static string Markdown(string title, IReadOnlyList<Section> sections)
    {
        var text = new StringBuilder($"# {title}\n");
        foreach (var section in sections)
        {
            text.Append(section.Heading.Length > 0 ? $"\n## {section.Heading}\n\n" : "\n").Append(section.Markdown.Replace("\r\n", "\n"))
                .Append('\n');
        }
        return text.ToString();
    }

    public static string Fingerprint(string markdown) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));

    public static Publication Of(Document document, DateTimeOffset now)
    {
        var markdown = Markdown(document.Title, document.Sections);
        return new Publication(document.Id, document.Version, document.BodyId, document.PromotionId, document.AtelierId,
            document.SessionId, document.Kind, document.Title, markdown, Fingerprint(markdown), now);
    }

    /// <summary>
    /// An excerpt as safe HTML: PostgreSQL marks the matched words with control characters no text contains; the text between
    /// them is encoded, and the marks become &lt;mark&gt;.
    /// </summary>
    public static string ExcerptHtml(string headline) => string.Concat(headline.Split(MarkStart).Select((piece, index) =>
        index == 0 ? Rendering.Encode(piece) : piece.Split(MarkEnd, 2) is [var marked, var rest]
            ? $"<mark>{Rendering.Encode(marked)}</mark>{Rendering.Encode(rest)}"
            : Rendering.Encode(piece)));

    public const string MarkStart = "\u0002";
    public const string MarkEnd = "\u0003";
}
