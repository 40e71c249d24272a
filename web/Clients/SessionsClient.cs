using System.Net;
using System.Text.Json.Nodes;

namespace Assemblee.Web.Clients;

public sealed record SessionPlace(string Address, string? Room, string? Access);

/// <summary>A session as a member reads it: what, when, where, and where it stands (planned, convened, held, cancelled…).</summary>
public sealed record SessionSummary(Guid Id, string Kind, string Title, SessionPlace? Place, string? OnlineLink, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, bool Public, string State);

/// <summary>A closed vote's result: the totals by option, the ballots cast and expressed, and what it decided.</summary>
public sealed record VoteResult(IReadOnlyDictionary<string, int> Totals, int Cast, int Expressed, string? Winner, string Decision);

/// <summary>
/// A vote of a session: the question, its options, ballot or show of hands, secret or not, where it stands, its result once
/// closed, and the majority rule it is decided by.
/// </summary>
public sealed record VoteSummary(Guid Id, string Question, IReadOnlyList<string> Options, string Method, bool Secret, string State,
    VoteResult? Result, string Majority);

public sealed record AgendaItem(string Title, IReadOnlyList<string> Speakers);

/// <summary>A session as the public reads it (a public one) or its members: the summary, and the agenda.</summary>
public sealed record SessionDetails(Guid Id, Guid PromotionId, string Kind, string Title, IReadOnlyList<AgendaItem> Agenda,
    SessionPlace? Place, string? OnlineLink, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Public, string State);

/// <summary>A phase of a promotion's mandate (its dates in Paris).</summary>
public sealed record Phase(string Name, string Description, DateOnly StartsOn, DateOnly EndsOn);

public sealed record PhaseList(Phase? Current, IReadOnlyList<Phase> Phases);

/// <summary>A member's convocation: no-answer, attending or excused (with the reason they gave).</summary>
public sealed record Convocation(Guid MemberId, string Answer, string? Reason);

public sealed record ExpectedAttendance(int Invited, int Attending, int Excused, int NoAnswer);

public sealed record ConvocationList(ExpectedAttendance Expected, IReadOnlyList<Convocation> Convocations);

/// <summary>The code the secretariat shows in the room, and when members may check in with it.</summary>
public sealed record CheckInCode(string Code, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);

/// <summary>A member's recorded presence: arrival, departure, and how it was recorded (check-in, roll call, correction).</summary>
public sealed record Presence(Guid MemberId, DateTimeOffset ArrivedAt, DateTimeOffset? DepartedAt, string Method);

/// <summary>A correction of a member's attendance as sessions' audit keeps it: by whom, when, why, before and after.</summary>
public sealed record AttendanceCorrection(Guid MemberId, DateTimeOffset At, string Actor, string Reason, Presence? Before,
    Presence? After);

/// <summary>The session's quorum now: the active members it concerns, those present, those required.</summary>
public sealed record QuorumState(int Percent, int Active, int Present, int Required, bool Reached);

/// <summary>
/// Sessions' API: a promotion's phases and sessions (public ones for anyone, all for its members), votes and their results, a
/// member's answer, check-in and ballot; the secretariat's planning, convocation, attendance, quorum and votes.
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
    public Task<Sent> AnswerAsync(string bodyId, Guid sessionId, string answer, string? reason,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/convocations/me", new { answer, reason },
            cancellationToken);

    /// <summary>The signed-in member arrives, with the code shown in the room.</summary>
    public Task<Sent> CheckInAsync(string bodyId, Guid sessionId, string code, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/check-in", new { code }, cancellationToken);

    public Task<IReadOnlyList<VoteSummary>> VotesAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        ListAsync<VoteSummary>($"/api/sessions/bodies/{Escape(bodyId)}/sessions/{sessionId}/votes", cancellationToken);

    /// <summary>The signed-in member's ballot; the service keeps a secret vote secret.</summary>
    public Task<Sent> CastAsync(string bodyId, Guid voteId, string option, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sessions/bodies/{Escape(bodyId)}/votes/{voteId}/ballots", new { option }, cancellationToken);

    public Task<Submitted<SessionSummary>> PlanAsync(string bodyId, Guid promotionId, object session,
        CancellationToken cancellationToken) =>
        SubmitAsync<SessionSummary>(HttpMethod.Post, $"{Body(bodyId)}/promotions/{promotionId}/sessions", JsonContent.Create(session),
            cancellationToken);

    /// <summary>A step of the session's life that takes no detail: its convocation, or the record that it was held.</summary>
    public Task<Submitted<SessionSummary>> AdvanceAsync(string bodyId, Guid sessionId, string step, CancellationToken cancellationToken) =>
        SubmitAsync<SessionSummary>(HttpMethod.Post, $"{Body(bodyId)}/sessions/{sessionId}/{step}", JsonContent.Create(new { }),
            cancellationToken);

    public Task<Submitted<SessionSummary>> CancelAsync(string bodyId, Guid sessionId, string reason, CancellationToken cancellationToken) =>
        SubmitAsync<SessionSummary>(HttpMethod.Post, $"{Body(bodyId)}/sessions/{sessionId}/cancellation",
            JsonContent.Create(new { reason }), cancellationToken);

    /// <summary>Moves a session: it is read whole and sent back as <paramref name="move"/> changes it, the rest as it was.</summary>
    public async Task<Submitted<SessionSummary>> MoveAsync(string bodyId, Guid sessionId, Func<JsonObject, JsonObject> move,
        CancellationToken cancellationToken)
    {
        var path = $"{Body(bodyId)}/sessions/{sessionId}";
        return await FindAsync<JsonObject>(path, cancellationToken) is { } session
            ? await SubmitAsync<SessionSummary>(HttpMethod.Put, path, JsonContent.Create(move(session)), cancellationToken)
            : new(HttpStatusCode.NotFound, null, new Dictionary<string, string[]>(), null);
    }

    public Task<Submitted<SessionSummary>> PostponeAsync(string bodyId, Guid sessionId, string reason,
        CancellationToken cancellationToken) =>
        SubmitAsync<SessionSummary>(HttpMethod.Post, $"{Body(bodyId)}/sessions/{sessionId}/postponement",
            JsonContent.Create(new { reason }), cancellationToken);

    public async Task<ConvocationList> ConvocationsAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        await FindAsync<ConvocationList>($"{Body(bodyId)}/sessions/{sessionId}/convocations", cancellationToken)
        ?? new ConvocationList(new ExpectedAttendance(0, 0, 0, 0), []);

    /// <summary>The code to show in the room, once the session is convened.</summary>
    public Task<CheckInCode?> CheckInCodeAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        FindAsync<CheckInCode>($"{Body(bodyId)}/sessions/{sessionId}/check-in-code", cancellationToken);

    public Task<IReadOnlyList<Presence>> AttendanceAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        ListAsync<Presence>($"{Body(bodyId)}/sessions/{sessionId}/attendance", cancellationToken);

    public Task<Submitted<Presence>> CorrectAttendanceAsync(string bodyId, Guid sessionId, Guid memberId, object correction,
        CancellationToken cancellationToken) =>
        SubmitAsync<Presence>(HttpMethod.Put, $"{Body(bodyId)}/sessions/{sessionId}/attendance/{memberId}",
            JsonContent.Create(correction), cancellationToken);

    public Task<IReadOnlyList<AttendanceCorrection>> CorrectionsAsync(string bodyId, Guid sessionId,
        CancellationToken cancellationToken) =>
        ListAsync<AttendanceCorrection>($"{Body(bodyId)}/sessions/{sessionId}/attendance/corrections", cancellationToken);

    /// <summary>The invited members the secretariat sees in the room.</summary>
    public Task<Submitted<List<Presence>>> CallRollAsync(string bodyId, Guid sessionId, IReadOnlyList<Guid> present,
        CancellationToken cancellationToken) =>
        SubmitAsync<List<Presence>>(HttpMethod.Post, $"{Body(bodyId)}/sessions/{sessionId}/roll-call", JsonContent.Create(new { present }),
            cancellationToken);

    public Task<QuorumState?> QuorumAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken) =>
        FindAsync<QuorumState>($"{Body(bodyId)}/sessions/{sessionId}/quorum", cancellationToken);

    public Task<Submitted<VoteSummary>> PrepareVoteAsync(string bodyId, Guid sessionId, object vote, CancellationToken cancellationToken) =>
        SubmitAsync<VoteSummary>(HttpMethod.Post, $"{Body(bodyId)}/sessions/{sessionId}/votes", JsonContent.Create(vote),
            cancellationToken);

    public Task<Submitted<VoteSummary>> OpenVoteAsync(string bodyId, Guid voteId, CancellationToken cancellationToken) =>
        SubmitAsync<VoteSummary>(HttpMethod.Post, $"{Body(bodyId)}/votes/{voteId}/opening", JsonContent.Create(new { }), cancellationToken);

    /// <summary>Closes the vote; a show of hands gives the totals the secretariat counted.</summary>
    public Task<Submitted<VoteSummary>> CloseVoteAsync(string bodyId, Guid voteId, IReadOnlyDictionary<string, int>? totals,
        CancellationToken cancellationToken) =>
        SubmitAsync<VoteSummary>(HttpMethod.Post, $"{Body(bodyId)}/votes/{voteId}/closing",
            totals is null ? null : JsonContent.Create(new { totals }), cancellationToken);

    private static string Body(string bodyId) => $"/api/sessions/bodies/{Escape(bodyId)}";
}
