using MassTransit;
using Npgsql;

namespace Assemblee.Common.Messaging;

/// <summary>
/// Handles each message id once per consumer: the inbox row and the handler's changes commit together, so a
/// redelivered message (at-least-once delivery) finds its row and has no second effect.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage> where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without an id cannot be handled idempotently.");
        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await using (var claim = new NpgsqlCommand(
            """
            INSERT INTO inbox_messages (message_id, consumer) VALUES ($1, $2)
            ON CONFLICT (message_id, consumer) DO UPDATE SET duplicates = inbox_messages.duplicates + 1
            RETURNING duplicates
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = messageId });
            claim.Parameters.Add(new NpgsqlParameter { Value = GetType().FullName });
            if ((int)(await claim.ExecuteScalarAsync(context.CancellationToken))! > 0)
            {
                await transaction.CommitAsync(context.CancellationToken);
                return;
            }
        }
        await HandleAsync(context.Message, transaction, context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }

    /// <summary>Applies the message inside <paramref name="transaction"/>; may add events to the outbox in it.</summary>
    protected abstract Task HandleAsync(TMessage message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
