using System.Net;

namespace Assemblee.Web.Clients;

public sealed record BodySummary(string Id, string Name, string Kind);

public sealed record PromotionDetails(Guid Id, string BodyId, string Name, Guid? DrawId, DateOnly? MandateStart, DateOnly? MandateEnd,
    IReadOnlyDictionary<string, int> Seats);

/// <summary>A promotion and where it stands: forming, sitting or ended.</summary>
public sealed record PromotionSummary(PromotionDetails Promotion, string State);

/// <summary>A member as the roster publishes them: given name, initial of the family name, arrondissement, atelier.</summary>
public sealed record RosterLine(string GivenName, string FamilyInitial, int? Arrondissement, string? Atelier);

public sealed record AtelierSummary(Guid Id, string Name, string Theme, string Mandate, int Capacity, int Members);

/// <summary>A member's own record as membership keeps it (the state: pending, active, left…).</summary>
public sealed record OwnMembership(Guid Id, Guid PromotionId, string State, string DisplayName, int? Arrondissement, Guid? AtelierId);

/// <summary>What the signed-in member reads of themselves: their record and the contact details they gave.</summary>
public sealed record OwnProfile(OwnMembership Member, string? FamilyName, string GivenName, string? Email, string? Phone);

/// <summary>
/// A member as the secretariat follows them: where they stand, their seat, their deadline, whether consent is in, their
/// atelier and role in it.
/// </summary>
public sealed record MemberRecord(Guid Id, string SeatGroup, string State, int? Arrondissement, bool Minor,
    DateTimeOffset ConfirmationDeadline, bool Overdue, bool ConsentRecorded, Guid? AtelierId, string? AtelierRole);

/// <summary>A member with the contact data the secretariat needs to reach them (membership logs each read).</summary>
public sealed record MemberContact(MemberRecord Member, string? FamilyName, string GivenName, string? Email, string? Phone);

/// <summary>
/// Membership's API: bodies, promotions, the published roster and ateliers (public); a member's own record; the secretariat's
/// work on members (confirmation, consent, departures, which bring in a substitute).
/// </summary>
public sealed class MembershipClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<BodySummary>> BodiesAsync(CancellationToken cancellationToken) =>
        ListAsync<BodySummary>("/api/membership/bodies", cancellationToken);

    public Task<BodySummary?> BodyAsync(string bodyId, CancellationToken cancellationToken) =>
        FindAsync<BodySummary>($"/api/membership/bodies/{Escape(bodyId)}", cancellationToken);

    public Task<IReadOnlyList<PromotionSummary>> PromotionsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<PromotionSummary>($"/api/membership/bodies/{Escape(bodyId)}/promotions", cancellationToken);

    public Task<PromotionSummary?> PromotionAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        FindAsync<PromotionSummary>($"/api/membership/bodies/{Escape(bodyId)}/promotions/{promotionId}", cancellationToken);

    public Task<IReadOnlyList<RosterLine>> RosterAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        ListAsync<RosterLine>($"/api/membership/bodies/{Escape(bodyId)}/promotions/{promotionId}/roster", cancellationToken);

    /// <summary>The signed-in member's own record; null when they are not a member of the body.</summary>
    public Task<OwnProfile?> OwnProfileAsync(string bodyId, CancellationToken cancellationToken) =>
        FindAsync<OwnProfile>($"/api/membership/bodies/{Escape(bodyId)}/me", cancellationToken);

    public Task<IReadOnlyList<MemberContact>> MembersAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        ListAsync<MemberContact>($"/api/membership/bodies/{Escape(bodyId)}/promotions/{promotionId}/members", cancellationToken);

    public Task<Sent> ConfirmAsync(string bodyId, Guid memberId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/membership/bodies/{Escape(bodyId)}/members/{memberId}/confirmation", new { },
            cancellationToken);

    /// <summary>A minor's parent or guardian consented: who, how, on which day.</summary>
    public Task<Sent> RecordConsentAsync(string bodyId, Guid memberId, object consent, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/membership/bodies/{Escape(bodyId)}/members/{memberId}/consent", consent, cancellationToken);

    /// <summary>Declined, deadline missed or resigned: membership then asks sortition for the substitute keeping every quota.</summary>
    public Task<Sent> RecordDepartureAsync(string bodyId, Guid memberId, string kind, string? note,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/membership/bodies/{Escape(bodyId)}/members/{memberId}/departure", new { kind, note },
            cancellationToken);

    /// <summary>Membership's personal-data access log for the body: every reading of members' contact data.</summary>
    public Task<IReadOnlyList<PersonalDataRead>> PersonalDataReadsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<PersonalDataRead>($"/api/membership/bodies/{Escape(bodyId)}/personal-data-reads", cancellationToken);

    public Task<IReadOnlyList<AtelierSummary>> AteliersAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        ListAsync<AtelierSummary>($"/api/membership/bodies/{Escape(bodyId)}/promotions/{promotionId}/ateliers", cancellationToken);

    public Task<Submitted<AtelierSummary>> CreateAtelierAsync(string bodyId, Guid promotionId, object atelier,
        CancellationToken cancellationToken) =>
        SubmitAsync<AtelierSummary>(HttpMethod.Post, $"/api/membership/bodies/{Escape(bodyId)}/promotions/{promotionId}/ateliers",
            JsonContent.Create(atelier), cancellationToken);

    /// <summary>The secretariat places an active member in an atelier (within its capacity).</summary>
    public Task<Submitted<AtelierSummary>> PlaceAsync(string bodyId, Guid atelierId, Guid memberId, CancellationToken cancellationToken) =>
        SubmitAsync<AtelierSummary>(HttpMethod.Put, $"/api/membership/bodies/{Escape(bodyId)}/ateliers/{atelierId}/members/{memberId}",
            null, cancellationToken);

    /// <summary>A member's role in their atelier: participant, spokesperson or rapporteur.</summary>
    public Task<Submitted<AtelierSummary>> SetRoleAsync(string bodyId, Guid atelierId, Guid memberId, string role,
        CancellationToken cancellationToken) =>
        SubmitAsync<AtelierSummary>(HttpMethod.Put,
            $"/api/membership/bodies/{Escape(bodyId)}/ateliers/{atelierId}/members/{memberId}/role", JsonContent.Create(new { role }),
            cancellationToken);
}
