using System.Net;

namespace Assemblee.Web.Clients;

public sealed record SessionPlace(string Address, string? Room, string? Access);

/// <summary>A session as a member reads it: what, when, where, and where it stands (planned, convened, held, cancelled…).</summary>
public sealed record SessionSummary(Guid Id, string Kind, string Title, SessionPlace? Place, string? OnlineLink, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, bool Public, string State);

/// <summary>Sessions' API: a promotion's sessions (public ones for anyone, all for its members), a member's answer.</summary>
public sealed class SessionsClient(HttpClient http) : PublicApiClient(http)
{
    public Task<IReadOnlyList<SessionSummary>> SessionsAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        ListAsync<SessionSummary>($"/api/sessions/bodies/{Escape(bodyId)}/promotions/{promotionId}/sessions", cancellationToken);

    /// <summary>The signed-in member attends, or is excused with a reason.</summary>
    public Task<HttpStatusCode> AnswerAsync(string bodyId, Guid sessionId, string answer, string? reason,
        CancellationToken cancellationToken) =>
        PutAsync($"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/convocations/me", new { answer, reason }, cancellationToken);
}
