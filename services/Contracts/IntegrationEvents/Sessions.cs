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
