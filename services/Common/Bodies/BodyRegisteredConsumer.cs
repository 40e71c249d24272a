using Assemblee.Common.Messaging;
using Assemblee.Contracts.Membership;
using Npgsql;

namespace Assemblee.Common.Bodies;

/// <summary>Keeps the <see cref="BodyDirectory"/> copy up to date, once per event however often it is delivered.</summary>
public sealed class BodyRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<BodyRegistered>(dataSource)
{
    protected override Task HandleAsync(BodyRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        BodyDirectory.AddAsync(new KnownBody(message.BodyId, message.Name), message.RegisteredAt, transaction, cancellationToken);
}
