using System.Threading.Channels;
using Assemblee.Common.Data;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;

namespace Assemblee.Sortition.Workers;

/// <summary>Draws waiting for their lottery; LEXIMIN can take minutes, longer than a request should.</summary>
public sealed class PreparationQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid drawId) => _channel.Writer.TryWrite(drawId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Prepares queued draws one at a time; at start-up it resumes those a stopped process left unfinished.</summary>
public sealed class PreparationWorker(PreparationQueue queue, DrawStore draws, FinalDraw finalDraw, DatabaseMigrator migrator,
    ILogger<PreparationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.WhenCompleted.WaitAsync(stoppingToken);
        foreach (var id in await draws.PreparingAsync(stoppingToken))
        {
            queue.Enqueue(id);
        }
        await foreach (var drawId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Task.Run(() => finalDraw.PrepareAsync(drawId, stoppingToken), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Preparing draw {DrawId} failed; it stays in 'preparing' and is retried at the next start", drawId);
            }
        }
    }
}
