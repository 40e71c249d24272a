using Assemblee.Common.Messaging;
using Assemblee.Contracts.Sortition;
using Assemblee.Documents.Application;
using Npgsql;

namespace Assemblee.Documents.Messaging;

/// <summary>The panel is drawn: its procès-verbal is published; handled once however often delivered.</summary>
public sealed class PanelDrawnConsumer(NpgsqlDataSource dataSource, DrawRecordPublishing publishing)
    : IdempotentConsumer<PanelDrawn>(dataSource)
{
    protected override Task HandleAsync(PanelDrawn message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        publishing.PublishAsync(transaction, message.BodyId, message.DrawId, cancellationToken);
}

/// <summary>A replacement changes the procès-verbal: its new version is published.</summary>
public sealed class SubstituteDesignatedConsumer(NpgsqlDataSource dataSource, DrawRecordPublishing publishing)
    : IdempotentConsumer<SubstituteDesignated>(dataSource)
{
    protected override Task HandleAsync(SubstituteDesignated message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken) =>
        publishing.PublishAsync(transaction, message.BodyId, message.DrawId, cancellationToken);
}
