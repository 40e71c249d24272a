using System.Text.RegularExpressions;
using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain;

/// <summary>What the Council of Paris decided on a submitted text.</summary>
public static class CouncilOutcomes
{
    public const string Adopted = "adopted";
    public const string AdoptedAsAmended = "adopted-as-amended";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Adopted, AdoptedAsAmended, Rejected, Withdrawn];
}

/// <summary>A submission to a Council session, under the Council's reference (2023 V 123, 2024 DFA 12).</summary>
public sealed partial record CouncilSubmission(DateOnly CouncilSession, string Reference)
{
    [GeneratedRegex(@"^\d{4} [A-Z]{1,8} \d{1,5}$")]
    private static partial Regex ReferencePattern();

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(ReferencePattern().IsMatch(Reference ?? ""), "reference",
            new FieldRule("council-reference", "The Council's reference, such as 2023 V 123 or 2024 DFA 12."));
}

/// <summary>The Council's decision, with the text it voted when it amended it.</summary>
public sealed record CouncilOutcome(string Outcome, DateOnly DecidedOn, string? CouncilText)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(CouncilOutcomes.All.Contains(Outcome), "outcome", FieldRule.OneOf(CouncilOutcomes.All))
        .Require(Outcome != CouncilOutcomes.AdoptedAsAmended || !string.IsNullOrWhiteSpace(CouncilText), "councilText",
            new FieldRule("council-text", "The text the Council adopted, when it amended it."))
        .Require(CouncilText is null || CouncilText.Length <= DocumentText.MaxSectionLength, "councilText",
            FieldRule.AtMost(DocumentText.MaxSectionLength));
}

/// <summary>A commitment of the city's departments to carry out an adopted text, and how it stands.</summary>
public sealed record Commitment(Guid Id, Guid DocumentId, string Title, string Department, DateOnly? DueOn, string Status,
    IReadOnlyList<CommitmentUpdate> Updates);

public sealed record CommitmentUpdate(DateTimeOffset At, string Actor, string Status, string Note);

public sealed record CommitmentRequest(string Title, string Department, DateOnly? DueOn)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 300, "title", FieldRule.Text(300))
        .Require(!string.IsNullOrWhiteSpace(Department) && Department.Length <= 200, "department",
            new FieldRule("department", "The department responsible."));
}

public sealed record StatusUpdate(string Status, string Note)
{
    public static readonly IReadOnlyList<string> Statuses = ["planned", "in-progress", "done", "abandoned"];

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Statuses.Contains(Status), "status", FieldRule.OneOf(Statuses))
        .Require(!string.IsNullOrWhiteSpace(Note) && Note.Length <= 2000, "note",
            new FieldRule("commitment-note", "What was done, 1 to 2,000 characters."));
}

/// <summary>The road of a text to the Council and after, without I/O.</summary>
public static class CouncilRules
{
    public static void EnsureSubmittable(Document document)
    {
        if (document.Kind is not (DocumentKinds.Voeu or DocumentKinds.Deliberation))
        {
            throw RuleViolation.Conflict("not-for-the-council", "Not for the Council",
                "Vœux and délibérations are submitted to the Council of Paris.");
        }
        if (document.State is not (DocumentStates.Validated or DocumentStates.Published))
        {
            throw RuleViolation.Conflict("not-validated", "Not validated",
                $"The document is {document.State}; the members validate it first.");
        }
    }

    public static void EnsureAwaitingOutcome(Document document)
    {
        if (document.State != DocumentStates.Submitted)
        {
            throw RuleViolation.Conflict("not-submitted", "Not submitted",
                $"The document is {document.State}; an outcome follows a submission.");
        }
    }

    /// <summary>Commitments follow a text the Council adopted.</summary>
    public static void EnsureAdopted(Document document)
    {
        if (document.State is not (CouncilOutcomes.Adopted or CouncilOutcomes.AdoptedAsAmended))
        {
            throw RuleViolation.Conflict("not-adopted", "Not adopted",
                $"The document is {document.State}; commitments follow an adopted text.");
        }
    }
}

/// <summary>
/// A citizen evaluation mission on an adopted text: members who assess how it was carried out, and the report they write
/// (a document of its own, by id, once written).
/// </summary>
public sealed record EvaluationMission(Guid Id, Guid DocumentId, string Title, IReadOnlyList<Guid> MemberIds, DateOnly StartsOn,
    Guid? ReportDocumentId);

public sealed record MissionRequest(string Title, IReadOnlyList<Guid> MemberIds, DateOnly StartsOn)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 300, "title", FieldRule.Text(300))
        .Require(MemberIds is { Count: >= 1 and <= 100 } && MemberIds.Distinct().Count() == MemberIds.Count, "memberIds",
            new FieldRule("member-ids", "1 to 100 distinct members."));
}

public sealed record MissionReport(Guid ReportDocumentId);
