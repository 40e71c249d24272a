using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sessions;
using Assemblee.Documents.Application;
using Npgsql;

namespace Assemblee.Documents.Messaging;

/// <summary>A closed vote about a document validates it when adopted; handled once however often delivered.</summary>
public sealed class VoteClosedConsumer(NpgsqlDataSource dataSource, DocumentValidation validation)
    : IdempotentConsumer<VoteClosed>(dataSource)
{
    protected override Task HandleAsync(VoteClosed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        validation.ByVoteAsync(transaction, message, cancellationToken);
}
