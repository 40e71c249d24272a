using MassTransit;

namespace Assemblee.Contracts.Sortition;

/// <summary>Stage 1 is done: letters can be mail-merged (the secretariat reads them from sortition, access logged).</summary>
[Event("sortition.invitations-drawn.v1")]
public sealed record InvitationsDrawn(
    Guid DrawId, string BodyId, string Title, int Invitations, IReadOnlyDictionary<string, int> BySeatGroup,
    DateTimeOffset ResponseDeadline, DateTimeOffset DrawnAt);

// Events carry pseudonymous ids only: membership reads the contact details it needs from sortition's DrawnPeople
// gRPC service (service credential, each read logged), so that no name, address or phone rests in a broker's queue.

/// <summary>A seat as the draw filled it.</summary>
/// <param name="RespondentId">The pseudonymous id the public draw record uses (R0001…).</param>
public sealed record DrawnSeat(string RespondentId, string SeatGroup);

/// <summary>The final draw took place: members, in panel order, and the ordered substitutes' ids.</summary>
[Event("sortition.panel-drawn.v2")]
public sealed record PanelDrawn(
    Guid DrawId, string BodyId, string Title, string Commitment, IReadOnlyList<DrawnSeat> Members, IReadOnlyList<string> Substitutes,
    DateTimeOffset DrawnAt);

/// <summary>A member left or declined; the substitute keeping every quota takes the seat.</summary>
[Event("sortition.substitute-designated.v2")]
public sealed record SubstituteDesignated(
    Guid DrawId, string BodyId, string LeavingRespondentId, string Reason, DrawnSeat Substitute, DateTimeOffset DesignatedAt);
