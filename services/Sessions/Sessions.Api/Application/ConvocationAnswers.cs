using Assemblee.Common.Rules;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>A member answers their convocation (attending, or excused with a reason) until the session starts.</summary>
public sealed class ConvocationAnswers(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task AnswerAsync(string bodyId, Guid sessionId, Guid memberId, ConvocationAnswer answer,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = await SessionStore.LockAsync(transaction, bodyId, sessionId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no session {sessionId}.");
        var now = time.GetUtcNow();
        if (!SessionRules.InvitationsOpen(session, now))
        {
            throw RuleViolation.Conflict("Answers closed",
                $"The session is {session.State}{(now >= session.StartsAt ? " and has started" : "")}.");
        }
        var reason = answer.Answer == ConvocationAnswer.Excused ? answer.Reason!.Trim() : null;
        if (!await ConvocationStore.AnswerAsync(transaction, session.Id, memberId, answer.Answer, reason, now, cancellationToken))
        {
            throw RuleViolation.NotFound("You are not invited to this session.");
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
