using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Assemblee.Gateway.RateLimiting;

/// <summary>
/// A fixed window per client and minute, shared by every gateway replica through Redis, without a Redis round trip on
/// the request's path: each replica counts locally and, every <see cref="SyncInterval"/>, adds what it counted to the
/// client's Redis counter (INCRBY) and learns the total. A client may so pass the limit by what the other replicas let
/// through in one interval. While Redis cannot be reached each replica still limits on its own counts; the failure is
/// logged. (No package in the source does a Redis-shared limit off the request path; the RedisRateLimiting package
/// awaits Redis on every request.)
/// </summary>
public sealed partial class RedisRateLimiter(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<RedisRateLimiter> logger)
    : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<(string Client, long Window), Count> _counts = new();

    public int PermitsPerWindow { get; } = configuration.GetValue("RateLimiting:PermitsPerMinute", 600);

    /// <returns>Null when allowed, or how long until the next window opens.</returns>
    public TimeSpan? TryAcquire(string clientKey)
    {
        var now = DateTimeOffset.UtcNow;
        var window = now.ToUnixTimeSeconds() / (long)Window.TotalSeconds;
        var count = _counts.GetOrAdd((clientKey, window), _ => new Count());
        if (count.TryTake(PermitsPerWindow))
        {
            return null;
        }
        return DateTimeOffset.FromUnixTimeSeconds((window + 1) * (long)Window.TotalSeconds) - now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SyncInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SyncAsync();
        }
    }

    /// <summary>Adds the local counts to Redis and takes back the totals; forgets windows that are over.</summary>
    private async Task SyncAsync()
    {
        var current = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / (long)Window.TotalSeconds;
        var database = redis.GetDatabase();
        var pending = new List<Task>();
        foreach (var ((client, window), count) in _counts)
        {
            if (window < current && count.Unsynced == 0)
            {
                _counts.TryRemove((client, window), out _);
                continue;
            }
            var delta = count.TakeUnsynced();
            if (delta == 0 && !count.Active())
            {
                continue;
            }
            pending.Add(AddAsync(database, $"ratelimit:{client}:{window}", delta, count));
        }
        try
        {
            await Task.WhenAll(pending);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisUnavailable(ex.Message);
        }
    }

    private static async Task AddAsync(IDatabase database, string key, long delta, Count count)
    {
        try
        {
            var total = await database.StringIncrementAsync(key, delta);
            if (total == delta)
            {
                await database.KeyExpireAsync(key, Window + TimeSpan.FromSeconds(5));
            }
            count.Synced(total);
        }
        catch
        {
            count.Unsync(delta);
            throw;
        }
    }

    /// <summary>One client's count in one window: the total Redis last gave, and what this replica let through since.</summary>
    private sealed class Count
    {
        private long _synced;
        private long _unsynced;
        private long _lastActivity = Environment.TickCount64;

        public long Unsynced => Interlocked.Read(ref _unsynced);

        public bool TryTake(int permits)
        {
            Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
            if (Interlocked.Read(ref _synced) + Interlocked.Read(ref _unsynced) >= permits)
            {
                return false;
            }
            Interlocked.Increment(ref _unsynced);
            return true;
        }

        public long TakeUnsynced() => Interlocked.Exchange(ref _unsynced, 0);

        public void Unsync(long delta) => Interlocked.Add(ref _unsynced, delta);

        public void Synced(long total) => Interlocked.Exchange(ref _synced, total);

        /// <summary>Asked for in the last few seconds: worth learning what the other replicas counted.</summary>
        public bool Active() => Environment.TickCount64 - Interlocked.Read(ref _lastActivity) < 5_000;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits not shared: Redis unavailable ({Reason})")]
    private partial void LogRedisUnavailable(string reason);
}
