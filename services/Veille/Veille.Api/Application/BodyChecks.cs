using Assemblee.Common.Bodies;
using Assemblee.Common.Rules;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using SessionsClient = Assemblee.Contracts.Sessions.V1.Sessions.SessionsClient;

namespace Assemblee.Veille.Application;

/// <summary>
/// What veille checks with the rest of the platform before a transition: the vote in sessions by which a body decided, the
/// exchange session a question is scheduled in (both asked with veille's own credential), the bodies invited, the items named.
/// </summary>
public sealed class BodyChecks(SessionsClient sessions, BodyDirectory bodies, AgendaStore agenda)
{
    /// <summary>A decision recorded by the secretariat stands as given; a vote must be the body's, closed, and have adopted.</summary>
    public async Task EnsureDecidedAsync(string bodyId, BodyDecision decision, CancellationToken cancellationToken)
    {
        if (decision.VoteId is not { } voteId)
        {
            return;
        }
        var vote = await sessions.GetVoteAsync(new() { BodyId = bodyId, VoteId = voteId.ToString() },
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken).OrNullWhenNotFound()
            ?? throw RuleViolation.Unprocessable("unknown-vote", "Unknown vote", $"Body '{bodyId}' has no vote {voteId}.");
        if (vote.State != "closed" || vote.Result?.Decision != "adopted")
        {
            var outcome = vote.Result is { } result ? $"{vote.State}, {result.Decision}" : vote.State;
            throw RuleViolation.Unprocessable("not-adopted", "Not adopted",
                $"Vote {voteId} is {outcome}; the body decides by a closed vote that adopted the question.");
        }
    }

    /// <summary>An exchange session with the executive (sessions' veille-exchange) of the body, not cancelled.</summary>
    public async Task EnsureExchangeSessionAsync(string bodyId, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await sessions.GetSessionAsync(new() { BodyId = bodyId, SessionId = sessionId.ToString() },
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken).OrNullWhenNotFound()
            ?? throw RuleViolation.Unprocessable("unknown-session", "Unknown session", $"Body '{bodyId}' has no session {sessionId}.");
        if (session.Kind != "veille-exchange" || session.State == "cancelled")
        {
            throw RuleViolation.Unprocessable("not-an-exchange-session", "Not an exchange session",
                $"Session {sessionId} is a {session.State} {session.Kind}; "
                + "questions are answered in an exchange session (veille-exchange).");
        }
    }

    public async Task EnsureBodiesAsync(IEnumerable<string> bodyIds, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        foreach (var bodyId in bodyIds)
        {
            if (await bodies.FindAsync(bodyId, cancellationToken) is null)
            {
                unknown.Add(bodyId);
            }
        }
        if (unknown.Count > 0)
        {
            throw RuleViolation.Unprocessable("unknown-bodies", "Unknown bodies",
                $"No body is registered as {string.Join(", ", unknown)}.");
        }
    }

    public async Task EnsureItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        if (itemIds.Count > 0 && await agenda.UnknownAsync(itemIds, cancellationToken) is { Count: > 0 } unknown)
        {
            throw RuleViolation.Unprocessable("unknown-agenda-items", "Unknown agenda items",
                $"The Council's agenda has no item {string.Join(", ", unknown)}.");
        }
    }
}
