using Assemblee.Common.Rules;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>
/// One transaction around work on a body's session, locked first: exclusively for the secretariat's changes, shared for what many
/// members do at once (answer, check in, vote), which then run side by side and wait only for the secretariat's changes.
/// </summary>
public sealed class SessionTransactions(NpgsqlDataSource dataSource, TimeProvider time)
{
    public Task<T> RunAsync<T>(string bodyId, Guid sessionId, bool shared,
        Func<NpgsqlTransaction, Session, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(bodyId, sessionId, shared, lockRoster: false, work, cancellationToken);

    /// <summary>
    /// Work that reads the session's promotion roster (a convocation): the roster is locked before the session, the order every
    /// roster change takes (<see cref="RosterUpdates"/>), so that a member saved meanwhile is either read here or finds the session
    /// convened.
    /// </summary>
    public Task<T> RunWithRosterAsync<T>(string bodyId, Guid sessionId,
        Func<NpgsqlTransaction, Session, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(bodyId, sessionId, shared: false, lockRoster: true, work, cancellationToken);

    private async Task<T> RunAsync<T>(string bodyId, Guid sessionId, bool shared, bool lockRoster,
        Func<NpgsqlTransaction, Session, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A session's promotion never changes: read before any lock, it names the roster to lock first.
        if (lockRoster && await SessionStore.PromotionOfAsync(transaction, bodyId, sessionId, cancellationToken) is { } promotionId)
        {
            await RosterStore.LockPromotionAsync(transaction, promotionId, cancellationToken);
        }
        var session = await SessionStore.LockAsync(transaction, bodyId, sessionId, cancellationToken, shared)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no session {sessionId}.");
        var result = await work(transaction, session, time.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
