using MassTransit;

namespace Assemblee.Contracts.Documents;

/// <summary>
/// A document was validated: by the members' vote (<paramref name="VoteId"/>, from sessions' VoteClosed) or by a paper vote the
/// secretariat recorded (no vote id). <paramref name="Version"/> is the text validated.
/// </summary>
[Event("documents.document-validated.v1")]
public sealed record DocumentValidated(
    string BodyId, Guid DocumentId, string Kind, int Version, string By, Guid? VoteId, DateTimeOffset ValidatedAt);

/// <summary>
/// A writer or the executive proposed amendment <paramref name="Number"/> to section <paramref name="Section"/> of a draft:
/// its other writers have it to review (notifications tell them). <paramref name="Author"/> is the proposing account.
/// </summary>
[Event("documents.amendment-proposed.v1")]
public sealed record AmendmentProposed(
    string BodyId, Guid DocumentId, Guid AmendmentId, int Number, int Section, string Author, DateTimeOffset ProposedAt);

/// <summary>
/// An amendment was accepted (the document's new version is <paramref name="ResultingVersion"/>), rejected or withdrawn;
/// <paramref name="DecidedBy"/> is the deciding account, <paramref name="VoteId"/> the vote that decided it, if any.
/// </summary>
[Event("documents.amendment-decided.v1")]
public sealed record AmendmentDecided(
    string BodyId, Guid DocumentId, Guid AmendmentId, int Number, string Decision, int? ResultingVersion, string DecidedBy, Guid? VoteId,
    DateTimeOffset DecidedAt);

/// <summary>
/// A document was published: its text is public at a stable address, with <paramref name="Fingerprint"/> the SHA-256 of its
/// Markdown (notifications tell the members; veille may link it).
/// </summary>
[Event("documents.document-published.v1")]
public sealed record DocumentPublished(
    string BodyId, Guid DocumentId, string Kind, int Version, string Title, string Fingerprint, DateTimeOffset PublishedAt);

/// <summary>A vœu or délibération was submitted to a Council of Paris session under the Council's reference (2023 V 123).</summary>
[Event("documents.document-submitted.v1")]
public sealed record DocumentSubmitted(
    string BodyId, Guid DocumentId, string Kind, int Version, DateOnly CouncilSession, string Reference, DateTimeOffset SubmittedAt);

/// <summary>The Council decided on a submitted text: adopted, adopted-as-amended, rejected or withdrawn.</summary>
[Event("documents.council-outcome-recorded.v1")]
public sealed record CouncilOutcomeRecorded(
    string BodyId, Guid DocumentId, string Reference, string Outcome, DateOnly DecidedOn, DateTimeOffset RecordedAt);
