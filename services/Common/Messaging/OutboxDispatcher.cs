using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assemblee.Common.Messaging;

/// <summary>
/// Publishes committed outbox rows in order and marks them dispatched once the broker has confirmed them.
/// Rows are claimed with FOR UPDATE SKIP LOCKED, so several replicas never publish the same row at once; a row
/// whose publication fails stays pending and is tried again, and its message id stays the same so consumers
/// recognise a repeat.
/// </summary>
internal sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    Assemblee.Common.Data.DatabaseMigrator migrator,
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.WhenCompleted.WaitAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(stoppingToken);
                failures = 0;
                if (published < BatchSize)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, failures), 10_000));
                LogDispatchFailed(ex.Message, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        var rows = new List<(Guid Id, string Type, string Body, string? TraceParent)>();
        await using (var select = new NpgsqlCommand(
            $"""
            SELECT id, message_type, body::text, trace_parent FROM outbox_messages
            WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(stoppingToken))
        {
            while (await reader.ReadAsync(stoppingToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }
        if (rows.Count == 0)
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        foreach (var (id, typeName, body, traceParent) in rows)
        {
            // The publication joins the trace of the request that wrote the event; MassTransit carries it to consumers.
            using var activity = MessageTypes.Tracing.StartActivity(
                $"outbox publish {typeName}", ActivityKind.Producer, ActivityContext.TryParse(traceParent, null,
                    out var parent) ? parent : default);
            try
            {
                var type = MessageTypes.Resolve(typeName);
                var message = JsonSerializer.Deserialize(body, type, MessageTypes.Json)!;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(PublishTimeout);
                await publisher.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = id), timeout.Token);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Keep the order: stop at the first failure and record it; what was published stays marked below.
                await RecordFailureAsync(connection, transaction, id, ex.Message, stoppingToken);
                await transaction.CommitAsync(stoppingToken);
                throw;
            }
            await MarkDispatchedAsync(connection, transaction, id, stoppingToken);
        }
        await transaction.CommitAsync(stoppingToken);
        return rows.Count;
    }

    private static async Task MarkDispatchedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE outbox_messages SET dispatched_at = now(), attempts = attempts + 1 WHERE id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RecordFailureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string error,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Reason}); retrying in {Delay}")]
    private partial void LogDispatchFailed(string reason, TimeSpan delay);
}
