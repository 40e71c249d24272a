using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain;

/// <summary>The kinds of text a promotion writes (DOMAIN.md, Documents; GLOSSARY.md for the French names).</summary>
public static class DocumentKinds
{
    public const string Synthesis = "synthesis";
    public const string WorkMandate = "work-mandate";
    public const string CitizenOpinion = "citizen-opinion";
    public const string Voeu = "voeu";
    public const string Deliberation = "deliberation";
    public const string Advocacy = "advocacy";
    public const string TopicalQuestion = "topical-question";
    public const string Minutes = "minutes";

    /// <summary>A draw's procès-verbal: sortition writes it, documents publishes it as soon as the panel is drawn.</summary>
    public const string DrawRecord = "draw-record";

    /// <summary>The kinds people write; a draw's procès-verbal is not among them.</summary>
    public static readonly IReadOnlyList<string> Written =
        [Synthesis, WorkMandate, CitizenOpinion, Voeu, Deliberation, Advocacy, TopicalQuestion, Minutes];

    public static readonly IReadOnlyList<string> All = [.. Written, DrawRecord];
}

public static class DocumentStates
{
    public const string Draft = "draft";
    public const string Validated = "validated";
    public const string Published = "published";
    public const string Submitted = "submitted";
}

/// <summary>A section of a document in Markdown: for a délibération, the explanatory statement then each article.</summary>
public sealed record Section(string Heading, string Markdown);

/// <summary>What a writer saves: the whole text, and what changed in a few words.</summary>
public sealed record DocumentText(string Title, IReadOnlyList<Section> Sections, string? Summary)
{
    public const int MaxSectionLength = 200_000;

    public ValidationErrors Validate(string kind) => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 300, "title", FieldRule.Text(300))
        .Require(Sections is { Count: >= 1 and <= 200 }, "sections", new FieldRule("section-count", "Between 1 and 200 sections."))
        .Require((Sections ?? []).All(s => s is { Heading.Length: <= 300, Markdown.Length: <= MaxSectionLength }), "sections",
            new FieldRule("section-lengths",
                $"Each section has a heading of at most 300 characters and at most {MaxSectionLength:N0} characters of text.",
                MaxSectionLength))
        .Require(kind != DocumentKinds.Deliberation || Sections is { Count: >= 2 }, "sections",
            new FieldRule("deliberation-articles", "A délibération has its explanatory statement, then at least one article."))
        .Require(Summary is null || Summary.Length <= 500, "summary", FieldRule.AtMost(500));
}

/// <summary>What a writer gives to start a document.</summary>
/// <param name="SessionId">For minutes, and only for them: the session they record.</param>
public sealed record NewDocument(
    string Kind, Guid PromotionId, Guid? AtelierId, string Title, IReadOnlyList<Section> Sections, Guid? SessionId)
{
    public ValidationErrors Validate() => new DocumentText(Title, Sections, null).Validate(Kind)
        .Require(DocumentKinds.Written.Contains(Kind), "kind", FieldRule.OneOf(DocumentKinds.Written))
        .Require(Kind != DocumentKinds.Minutes || SessionId is not null, "sessionId",
            new FieldRule("minutes-session", "Minutes name the session they record."))
        .Require(Kind == DocumentKinds.Minutes || SessionId is null, "sessionId",
            new FieldRule("session-only-for-minutes", "Only minutes belong to a session."));
}

/// <summary>A document at its current version.</summary>
/// <param name="PromotionId">The promotion that writes it; null for a draw's procès-verbal, which comes before its promotion.</param>
/// <param name="AtelierId">The atelier that writes it; null for the whole promotion.</param>
/// <param name="SessionId">The session that minutes record; null for other kinds.</param>
public sealed record Document(
    Guid Id, string BodyId, Guid? PromotionId, Guid? AtelierId, Guid? SessionId, string Kind, string State, int Version, string Title,
    IReadOnlyList<Section> Sections, DateTimeOffset UpdatedAt);

/// <summary>One saved version: who, when, why, and the whole text.</summary>
public sealed record DocumentVersion(int Number, string Title, IReadOnlyList<Section> Sections, string Author, DateTimeOffset SavedAt,
    string? Summary);

/// <summary>The rules of a document's life, without I/O.</summary>
public static class DocumentRules
{
    /// <summary>A save is made against the version the writer read; anything else would overwrite someone's work.</summary>
    public static void EnsureCurrent(Document document, int? readVersion, Func<IReadOnlyDictionary<string, object?>> current)
    {
        if (readVersion is null)
        {
            throw RuleViolation.PreconditionRequired($"Say which version you changed: If-Match: \"{document.Version}\".");
        }
        if (readVersion != document.Version)
        {
            throw RuleViolation.Stale($"You changed version {readVersion}; version {document.Version} was saved meanwhile. "
                + "Merge your changes into it and save again.", current());
        }
    }

    public static void EnsureEditable(Document document)
    {
        if (document.State != DocumentStates.Draft)
        {
            throw RuleViolation.Conflict("not-editable", "Not editable",
                $"The document is {document.State}; it is changed by amendments now.");
        }
    }

    /// <summary>A validation applies to a draft only; a document validated already stays so (a redelivered vote changes nothing).</summary>
    public static bool Validates(Document document) => document.State == DocumentStates.Draft;
}
