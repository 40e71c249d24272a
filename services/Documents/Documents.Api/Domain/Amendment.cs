using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain;

/// <summary>What an amendment does to a section: replaces its text, inserts a new section after it, or deletes it.</summary>
public static class AmendmentOperations
{
    public const string Replace = "replace";
    public const string Insert = "insert";
    public const string Delete = "delete";
}

public static class AmendmentStates
{
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
}

/// <summary>A proposed change to one section (numbered from 1), with its motivation.</summary>
/// <param name="Heading">The new section's heading, for an insertion.</param>
public sealed record AmendmentRequest(int Section, string Operation, string? Heading, string? Text, string Motivation)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Operation is AmendmentOperations.Replace or AmendmentOperations.Insert or AmendmentOperations.Delete, "operation",
            FieldRule.OneOf([AmendmentOperations.Replace, AmendmentOperations.Insert, AmendmentOperations.Delete]))
        .Require(Operation == AmendmentOperations.Delete || Text is { Length: > 0 and <= DocumentText.MaxSectionLength }, "text",
            new FieldRule("section-text", "The new text of the section."))
        .Require(Operation != AmendmentOperations.Insert || Heading is { Length: <= 300 }, "heading",
            new FieldRule("inserted-heading", "The inserted section's heading."))
        .Require(!string.IsNullOrWhiteSpace(Motivation) && Motivation.Length <= 2000, "motivation", FieldRule.Text(2000));
}

/// <summary>A decision on an amendment: by the secretariat, recording the vote that decided it when there was one.</summary>
public sealed record AmendmentDecision(string Decision, Guid? VoteId, string? Reason)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Decision is AmendmentStates.Accepted or AmendmentStates.Rejected, "decision",
            FieldRule.OneOf([AmendmentStates.Accepted, AmendmentStates.Rejected]))
        .Require(Reason is null || Reason.Length <= 2000, "reason", FieldRule.AtMost(2000));
}

/// <param name="BaseText">The section's text when the amendment was proposed: it applies only while the section still reads so.</param>
public sealed record Amendment(
    Guid Id, Guid DocumentId, int Number, int Section, string Operation, string? Heading, string? Text, string BaseText, int BaseVersion,
    string Author, string Motivation, string State, DateTimeOffset ProposedAt, string? DecidedBy, Guid? VoteId, int? ResultingVersion);

/// <summary>The rules of amendments, without I/O.</summary>
public static class AmendmentRules
{
    public static void EnsureTarget(Document document, AmendmentRequest request)
    {
        if (request.Section < 1 || request.Section > document.Sections.Count)
        {
            throw RuleViolation.Unprocessable("no-such-section", "No such section",
                $"The document has sections 1 to {document.Sections.Count}.");
        }
        if (request.Operation == AmendmentOperations.Delete && document.Sections.Count == 1)
        {
            throw RuleViolation.Unprocessable("last-section", "Last section", "A document keeps at least one section.");
        }
    }

    /// <summary>Amendments still proposed on the same section conflict: accepting one changes the text the others amend.</summary>
    public static IReadOnlyList<int> ConflictsOf(Amendment amendment, IEnumerable<Amendment> all) =>
        [.. all.Where(other => other.Id != amendment.Id && other.State == AmendmentStates.Proposed &&
            amendment.State == AmendmentStates.Proposed && other.Section == amendment.Section).Select(other => other.Number)];

    /// <summary>
    /// What the amendment changes, word by word, as its readers compare it: the section's text as proposed against the new text
    /// (an insertion is all new, a deletion all removed).
    /// </summary>
    public static IReadOnlyList<DiffPart> Changes(Amendment amendment) => amendment.Operation switch
    {
        AmendmentOperations.Replace => TextDifference.Words(amendment.BaseText, amendment.Text ?? ""),
        AmendmentOperations.Insert => TextDifference.Words("", $"{amendment.Heading}\n{amendment.Text}".TrimStart('\n')),
        _ => TextDifference.Words(amendment.BaseText, ""),
    };

    /// <summary>The sections with exactly the amendment's change; refused when the section no longer reads as when proposed.</summary>
    public static IReadOnlyList<Section> Apply(IReadOnlyList<Section> sections, Amendment amendment)
    {
        var index = amendment.Section - 1;
        if (index >= sections.Count || sections[index].Markdown != amendment.BaseText)
        {
            throw RuleViolation.Conflict("section-changed", "Section changed",
                $"Section {amendment.Section} changed since amendment {amendment.Number} was proposed; it no longer applies as written.");
        }
        var result = sections.ToList();
        switch (amendment.Operation)
        {
            case AmendmentOperations.Replace:
                result[index] = result[index] with { Markdown = amendment.Text! };
                break;
            case AmendmentOperations.Insert:
                result.Insert(index + 1, new Section(amendment.Heading ?? "", amendment.Text!));
                break;
            default:
                result.RemoveAt(index);
                break;
        }
        return result;
    }

    public static void EnsureProposed(Amendment amendment)
    {
        if (amendment.State != AmendmentStates.Proposed)
        {
            throw RuleViolation.Conflict("already-decided", "Already decided", $"Amendment {amendment.Number} is {amendment.State}.");
        }
    }
}
