using Assemblee.Common.Messaging;
using Assemblee.Contracts.Membership;
using Assemblee.Sortition.Data;
using Npgsql;

namespace Assemblee.Sortition.Messaging;

public sealed class BodyRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<BodyRegistered>(dataSource)
{
    protected override Task HandleAsync(BodyRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        BodyDirectory.AddAsync(new KnownBody(message.BodyId, message.Name), message.RegisteredAt, transaction, cancellationToken);
}
