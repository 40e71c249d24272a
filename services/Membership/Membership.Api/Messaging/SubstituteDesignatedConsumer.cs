using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sortition;
using Assemblee.Membership.Application;
using Npgsql;

namespace Assemblee.Membership.Messaging;

/// <summary>A substitute designated by sortition (asked by membership or directly by the secretariat) enters as drawn.</summary>
public sealed class SubstituteDesignatedConsumer(NpgsqlDataSource dataSource,
    MemberLifecycle members) : IdempotentConsumer<SubstituteDesignated>(dataSource)
{
    protected override Task HandleAsync(SubstituteDesignated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        members.ApplySubstituteAsync(transaction, message, cancellationToken);
}
