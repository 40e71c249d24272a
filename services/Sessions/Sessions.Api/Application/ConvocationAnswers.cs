using Assemblee.Common.Rules;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;

namespace Assemblee.Sessions.Application;

/// <summary>A member answers their convocation (attending, or excused with a reason) until the session starts.</summary>
public sealed class ConvocationAnswers(SessionTransactions transactions)
{
    public Task AnswerAsync(string bodyId, Guid sessionId, Guid memberId, ConvocationAnswer answer, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: true, async (transaction, session, now) =>
        {
            if (!SessionRules.InvitationsOpen(session, now))
            {
                throw RuleViolation.Conflict("answers-closed", "Answers closed",
                    $"The session is {session.State}{(now >= session.StartsAt ? " and has started" : "")}.");
            }
            var reason = answer.Answer == ConvocationAnswer.Excused ? answer.Reason!.Trim() : null;
            if (!await ConvocationStore.AnswerAsync(transaction, session.Id, memberId, answer.Answer, reason, now, cancellationToken))
            {
                throw RuleViolation.NotFound("You are not invited to this session.");
            }
            return true;
        }, cancellationToken);
}
