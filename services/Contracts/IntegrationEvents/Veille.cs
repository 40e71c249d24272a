using MassTransit;

namespace Assemblee.Contracts.Veille;

/// <summary>
/// An item of the Council's agenda that <paramref name="BodyId"/> follows was added or changed (one event per following body,
/// for notifications to alert it). <paramref name="Changes"/> names what changed: added, scheduling, title, papers…
/// </summary>
[Event("veille.agenda-item-changed.v1")]
public sealed record AgendaItemChanged(
    string BodyId, string ItemId, string Reference, string Title, int Revision, IReadOnlyList<string> Changes, DateTimeOffset ChangedAt);

/// <summary>A body submitted a question (or a referral to the guarantors); the answer is due by <paramref name="AnswerDue"/>.</summary>
[Event("veille.question-submitted.v1")]
public sealed record QuestionSubmitted(
    Guid QuestionId, string BodyId, string Kind, string Title, IReadOnlyList<string> CoSigners, DateTimeOffset SubmittedAt,
    DateTimeOffset AnswerDue);

/// <summary>Another body co-signed a question, with its own validation.</summary>
[Event("veille.question-co-signed.v1")]
public sealed record QuestionCoSigned(Guid QuestionId, string BodyId, string CoSignerBodyId, DateTimeOffset CoSignedAt);

/// <summary>The executive answered a question (again, after a follow-up request); its body and co-signers are told.</summary>
[Event("veille.question-answered.v1")]
public sealed record QuestionAnswered(
    Guid QuestionId, string BodyId, IReadOnlyList<string> CoSigners, string AnsweredAs, bool InTime, DateTimeOffset AnsweredAt);

/// <summary>The guarantors answered a referral.</summary>
[Event("veille.referral-answered.v1")]
public sealed record ReferralAnswered(Guid ReferralId, string BodyId, DateTimeOffset AnsweredAt);
