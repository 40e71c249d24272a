using Assemblee.Common.Rules;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Application;

/// <summary>
/// One transaction around work on a body's document, locked first so that saves, amendments and decisions take turns. A caller
/// the document is not for gets NOT_FOUND: they may not know a draft exists.
/// </summary>
public sealed class DocumentTransactions(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<T> RunAsync<T>(string bodyId, Guid id, Func<Document, bool> allowed,
        Func<NpgsqlTransaction, Document, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var document = await DocumentStore.LockAsync(transaction, bodyId, id, cancellationToken);
        if (document is null || !allowed(document))
        {
            throw RuleViolation.NotFound($"Body '{bodyId}' has no document {id} for you.");
        }
        var result = await work(transaction, document, time.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
