using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sessions;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>
/// Votes in a session: the secretariat prepares, opens (with quorum when needed) and closes them; present active members cast one
/// ballot each. A secret ballot only raises a count, in the transaction that records who voted. Each session is locked before its vote.
/// </summary>
public sealed class Voting(SessionTransactions transactions, VoteStore votes, Outbox outbox, ILogger<Voting> logger)
{
    public Task<Vote> PrepareAsync(string bodyId, Guid sessionId, VoteRequest request, string actor, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, _) =>
        {
            var vote = request.ToVote(Guid.NewGuid(), session);
            await VoteStore.InsertAsync(transaction, vote, cancellationToken);
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "vote-prepared", new { voteId = vote.Id },
                cancellationToken);
            return vote;
        }, cancellationToken);

    public async Task<Vote> OpenAsync(string bodyId, Guid voteId, string actor, CancellationToken cancellationToken) =>
        await transactions.RunAsync(bodyId, await SessionOfAsync(bodyId, voteId, cancellationToken), shared: false,
            async (transaction, session, now) =>
            {
                var vote = (await VoteStore.LockAsync(transaction, bodyId, voteId, shared: false, cancellationToken))!;
                vote.EnsureOpenable(session, await Quorums.EvaluateAsync(transaction, session, now, cancellationToken));
                await VoteStore.OpenAsync(transaction, vote, now, cancellationToken);
                await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "vote-opened", new { voteId }, cancellationToken);
                await outbox.AddAsync(new VoteOpened(bodyId, session.Id, vote.Id, vote.Question, vote.Options, vote.Secret,
                    vote.Subject?.Purpose, vote.Subject?.DocumentId, now), transaction, cancellationToken);
                return vote with { State = VoteStates.Open, OpenedAt = now };
            }, cancellationToken);

    public async Task CastAsync(string bodyId, Guid voteId, Guid memberId, Ballot ballot, CancellationToken cancellationToken) =>
        await transactions.RunAsync(bodyId, await SessionOfAsync(bodyId, voteId, cancellationToken), shared: true,
            async (transaction, session, now) =>
            {
                var vote = (await VoteStore.LockAsync(transaction, bodyId, voteId, shared: true, cancellationToken))!;
                vote.EnsureBallot(ballot.Option);
                var member = await RosterStore.FindAsync(transaction, memberId, cancellationToken);
                var attendance = await AttendanceStore.FindAsync(transaction, session.Id, memberId, cancellationToken);
                if (member is null || !SessionRules.Concerns(session, member) || attendance is null || !AttendanceRules.InRoom(attendance,
                    now))
                {
                    throw RuleViolation.Conflict("not-a-voter", "Not a voter",
                        "Only the active members present at the session vote; check in first.");
                }
                if (!await VoteStore.AddVoterAsync(transaction, vote.Id, memberId, cancellationToken))
                {
                    throw RuleViolation.Conflict("already-voted", "Already voted", "Each member votes once; your ballot is counted.");
                }
                if (vote.Secret)
                {
                    await VoteStore.CountSecretBallotAsync(transaction, vote.Id, ballot.Option, cancellationToken);
                }
                else
                {
                    await VoteStore.AddOpenBallotAsync(transaction, vote.Id, memberId, ballot.Option, cancellationToken);
                }
                return true;
            }, cancellationToken);

    /// <summary>Closes the vote, evaluates quorum and majority, and publishes VoteClosed once: a second closing is refused.</summary>
    public async Task<Vote> CloseAsync(string bodyId, Guid voteId, HandCount? handCount, string actor, CancellationToken cancellationToken)
    {
        var closed = await transactions.RunAsync(bodyId, await SessionOfAsync(bodyId, voteId, cancellationToken), shared: false,
            async (transaction, session, now) =>
            {
                var vote = (await VoteStore.LockAsync(transaction, bodyId, voteId, shared: false, cancellationToken))!;
                vote.EnsureClosable(handCount);
                var quorum = await Quorums.EvaluateAsync(transaction, session, now, cancellationToken);
                var totals = vote.Method == VoteMethods.ShowOfHands
                    ? vote.HandTotals(handCount, quorum.Present)
                    : await VoteStore.TotalsAsync(transaction, vote, cancellationToken);
                var result = vote.Evaluate(totals, quorum);
                await VoteStore.CloseAsync(transaction, vote, result, now, cancellationToken);
                await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "vote-closed", new { voteId, result.Decision },
                    cancellationToken);
                await outbox.AddAsync(new VoteClosed(bodyId, session.Id, vote.Id, vote.Subject?.Purpose, vote.Subject?.DocumentId,
                    result.Decision, result.Winner, result.Totals, result.Cast, quorum.Reached, now), transaction, cancellationToken);
                return vote with { State = VoteStates.Closed, ClosedAt = now, Result = result };
            }, cancellationToken);
        if (closed.Secret)
        {
            await ClearBallotTracesAsync(cancellationToken);
        }
        return closed;
    }

    private async Task ClearBallotTracesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await votes.VacuumTalliesAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            // The result stands; autovacuum clears the row versions later.
            logger.LogWarning(exception, "Vacuuming the secret tallies after a vote failed");
        }
    }

    private async Task<Guid> SessionOfAsync(string bodyId, Guid voteId, CancellationToken cancellationToken) =>
        (await votes.FindAsync(bodyId, voteId, cancellationToken))?.SessionId
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no vote {voteId}.");
}
