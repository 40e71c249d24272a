using System.Net;

namespace Assemblee.Web.Clients;

public sealed record SessionPlace(string Address, string? Room, string? Access);

/// <summary>A session as a member reads it: what, when, where, and where it stands (planned, convened, held, cancelled…).</summary>
public sealed record SessionSummary(Guid Id, string Kind, string Title, SessionPlace? Place, string? OnlineLink, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, bool Public, string State);

/// <summary>A closed vote's result: the totals by option, the ballots cast and expressed, and what it decided.</summary>
public sealed record VoteResult(IReadOnlyDictionary<string, int> Totals, int Cast, int Expressed, string? Winner, string Decision);

/// <summary>
/// A vote of a session: the question, its options, ballot or show of hands, secret or not, where it stands, and its result once
/// closed.
/// </summary>
public sealed record VoteSummary(Guid Id, string Question, IReadOnlyList<string> Options, string Method, bool Secret, string State,
    VoteResult? Result);

public sealed record AgendaItem(string Title, IReadOnlyList<string> Speakers);

/// <summary>A session as the public reads it (a public one) or its members: the summary, and the agenda.</summary>
public sealed record SessionDetails(Guid Id, Guid PromotionId, string Kind, string Title, IReadOnlyList<AgendaItem> Agenda,
    SessionPlace? Place, string? OnlineLink, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Public, string State);

/// <summary>A phase of a promotion's mandate (its dates in Paris).</summary>
public sealed record Phase(string Name, string Description, DateOnly StartsOn, DateOnly EndsOn);

public sealed record PhaseList(Phase? Current, IReadOnlyList<Phase> Phases);

/// <summary>
/// Sessions' API: a promotion's phases and sessions (public ones for anyone, all for its members), votes and their results, a
/// member's answer, check-in and ballot.
/// </summary>
public sealed class SessionsClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<SessionSummary>> SessionsAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        ListAsync<SessionSummary>($"/api/sessions/bodies/{Escape(bodyId)}/promotions/{promotionId}/sessions", cancellationToken);

    public Task<SessionDetails?> SessionAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        FindAsync<SessionDetails>($"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}", cancellationToken);

    public async Task<PhaseList> PhasesAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken) =>
        await FindAsync<PhaseList>($"/api/sessions/bodies/{Escape(bodyId)}/promotions/{promotionId}/phases", cancellationToken)
        ?? new PhaseList(null, []);

    /// <summary>The signed-in member attends, or is excused with a reason.</summary>
    public Task<HttpStatusCode> AnswerAsync(string bodyId, Guid sessionId, string answer, string? reason,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/convocations/me", new { answer, reason },
            cancellationToken);

    /// <summary>The signed-in member arrives, with the code shown in the room.</summary>
    public Task<HttpStatusCode> CheckInAsync(string bodyId, Guid sessionId, string code, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/check-in", new { code }, cancellationToken);

    public Task<IReadOnlyList<VoteSummary>> VotesAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        ListAsync<VoteSummary>($"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/votes", cancellationToken);

    /// <summary>The signed-in member's ballot; the service keeps a secret vote secret.</summary>
    public Task<HttpStatusCode> CastAsync(string bodyId, Guid voteId, string option, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sessions/bodies/{Escape(bodyId)}/votes/{voteId}/ballots", new { option }, cancellationToken);
}
