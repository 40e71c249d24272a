using MassTransit;

namespace Assemblee.Contracts.Sessions;

/// <summary>The secretariat convened a session: the members it concerns are invited (documents and notifications follow it).</summary>
/// <param name="AtelierId">The atelier the session concerns; null for the whole promotion.</param>
[Event("sessions.session-convened.v1")]
public sealed record SessionConvened(
    string BodyId, Guid PromotionId, Guid SessionId, Guid? AtelierId, string Kind, string Title,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Invited, DateTimeOffset ConvenedAt);

/// <summary>A session was cancelled; <paramref name="WasConvened"/> says whether members had been invited.</summary>
[Event("sessions.session-cancelled.v1")]
public sealed record SessionCancelled(
    string BodyId, Guid PromotionId, Guid SessionId, bool WasConvened, string Reason, DateTimeOffset CancelledAt);

/// <summary>
/// A convened session changed in a way its invited members must see: <paramref name="Change"/> is rescheduled (new times, place
/// or link), updated (title, agenda, guests…), postponed (to a date not yet known) or held (it took place).
/// <paramref name="Sequence"/> is its calendar revision.
/// </summary>
[Event("sessions.session-changed.v1")]
public sealed record SessionChanged(
    string BodyId, Guid PromotionId, Guid SessionId, string Change, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Sequence,
    string? Reason, DateTimeOffset ChangedAt);

/// <summary>
/// A member's attendance at a session was recorded or corrected (compensation and documents' minutes follow it).
/// <paramref name="Present"/> false: a correction removed it. <paramref name="Method"/>: check-in, roll-call or correction.
/// </summary>
[Event("sessions.attendance-recorded.v1")]
public sealed record AttendanceRecorded(
    string BodyId, Guid PromotionId, Guid SessionId, Guid MemberId, bool Present, DateTimeOffset? ArrivedAt, DateTimeOffset? DepartedAt,
    string Method, DateTimeOffset RecordedAt);

/// <summary>A vote opened during a session; present members may vote until it closes.</summary>
/// <param name="SubjectDocumentId">The document the vote adopts or validates, if any (<paramref name="SubjectPurpose"/> says
/// which).</param>
[Event("sessions.vote-opened.v1")]
public sealed record VoteOpened(
    string BodyId, Guid SessionId, Guid VoteId, string Question, IReadOnlyList<string> Options, bool Secret, string? SubjectPurpose,
    Guid? SubjectDocumentId, DateTimeOffset OpenedAt);

/// <summary>
/// A vote closed with its result, published once. <paramref name="Decision"/>: adopted or rejected (for/against), chosen or
/// no-majority (a list), no-quorum. Documents apply a work mandate's adoption or an opinion's validation from it.
/// </summary>
[Event("sessions.vote-closed.v1")]
public sealed record VoteClosed(
    string BodyId, Guid SessionId, Guid VoteId, string? SubjectPurpose, Guid? SubjectDocumentId, string Decision, string? Winner,
    IReadOnlyDictionary<string, int> Totals, int Cast, bool QuorumReached, DateTimeOffset ClosedAt);

/// <summary>The secretariat approved a member's monthly compensation statement; it is final (notifications tell the member).</summary>
[Event("sessions.compensation-statement-approved.v1")]
public sealed record CompensationStatementApproved(
    string BodyId, Guid StatementId, Guid MemberId, DateOnly Month, decimal Total, DateTimeOffset ApprovedAt);
