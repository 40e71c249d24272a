using MassTransit;

namespace Assemblee.Contracts.Sortition;

/// <summary>Stage 1 is done: letters can be mail-merged (the secretariat reads them from sortition, access logged).</summary>
[Event("sortition.invitations-drawn.v1")]
public sealed record InvitationsDrawn(
    Guid DrawId, string BodyId, string Title, int Invitations, IReadOnlyDictionary<string, int> BySeatGroup,
    DateTimeOffset ResponseDeadline, DateTimeOffset DrawnAt);

/// <summary>A drawn person as membership needs them to make contact: the minimum, nothing more.</summary>
/// <param name="RespondentId">The pseudonymous id the public draw record uses (R0001…).</param>
public sealed record DrawnPerson(
    string RespondentId, string SeatGroup, IReadOnlyDictionary<string, string> Features, string FamilyName, string GivenName,
    DateOnly BirthDate, string Address, string Postcode, string? Email, string? Phone);

/// <summary>The final draw took place: members, in panel order, and the ordered substitutes' ids.</summary>
[Event("sortition.panel-drawn.v1")]
public sealed record PanelDrawn(
    Guid DrawId, string BodyId, string Title, string Commitment, IReadOnlyList<DrawnPerson> Members, IReadOnlyList<string> Substitutes,
    DateTimeOffset DrawnAt);

/// <summary>A member left or declined; the substitute keeping every quota takes the seat.</summary>
[Event("sortition.substitute-designated.v1")]
public sealed record SubstituteDesignated(
    Guid DrawId, string BodyId, string LeavingRespondentId, string Reason, DrawnPerson Substitute, DateTimeOffset DesignatedAt);
