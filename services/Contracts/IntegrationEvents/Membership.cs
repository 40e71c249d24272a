using MassTransit;

namespace Assemblee.Contracts.Membership;

/// <summary>A participatory body was registered on the platform.</summary>
[Event("membership.body-registered.v1")]
public sealed record BodyRegistered(string BodyId, string Name, string Kind, DateTimeOffset RegisteredAt);

// Member events carry ids, never contact data: a service that needs more asks membership over gRPC.

/// <summary>
/// The final draw's people (or a designated substitute, <paramref name="Substitutes"/>) entered the promotion as drawn: they
/// have until <paramref name="ConfirmationDeadline"/> to confirm their seat; <paramref name="Minors"/>, those of them who
/// also need a parent's or guardian's consent. One event per draw, so that their letters make one print batch.
/// </summary>
[Event("membership.members-drawn.v1")]
public sealed record MembersDrawn(string BodyId, Guid PromotionId, string PromotionTitle, IReadOnlyList<Guid> Members,
    IReadOnlyList<Guid> Minors, bool Substitutes, DateTimeOffset ConfirmationDeadline, DateTimeOffset DrawnAt);

/// <summary>A drawn member confirmed their seat (and, for a minor, consent was recorded): the member is active.</summary>
[Event("membership.member-confirmed.v1")]
public sealed record MemberConfirmed(string BodyId, Guid PromotionId, Guid MemberId, string SeatGroup, bool Minor,
    DateTimeOffset ConfirmedAt);

/// <summary>A member declined, missed the confirmation deadline or resigned.</summary>
/// <param name="Reason">declined, deadline-missed or resigned.</param>
[Event("membership.member-left.v1")]
public sealed record MemberLeft(string BodyId, Guid PromotionId, Guid MemberId, string Reason, DateTimeOffset LeftAt);

/// <summary>A substitute took the seat of a member who left; the substitute starts as drawn.</summary>
[Event("membership.member-replaced.v1")]
public sealed record MemberReplaced(string BodyId, Guid PromotionId, Guid LeavingMemberId, Guid SubstituteMemberId, string SeatGroup,
    DateTimeOffset ReplacedAt);

/// <summary>A member joined an atelier (working group), or changed role in it.</summary>
[Event("membership.member-joined-group.v1")]
public sealed record MemberJoinedGroup(string BodyId, Guid PromotionId, Guid MemberId, Guid AtelierId, string Role,
    Guid? PreviousAtelierId, DateTimeOffset JoinedAt);

/// <summary>A parent or guardian consented for a minor member; how, and on which day (the guardian's name stays in membership).</summary>
[Event("membership.consent-recorded.v1")]
public sealed record ConsentRecorded(string BodyId, Guid PromotionId, Guid MemberId, string Method, DateOnly GivenOn,
    DateTimeOffset RecordedAt);
