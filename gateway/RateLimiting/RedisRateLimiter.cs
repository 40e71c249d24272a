using StackExchange.Redis;

namespace Assemblee.Gateway.RateLimiting;

/// <summary>
/// A fixed window per client shared by every gateway replica: one Redis counter per client and minute.
/// When Redis cannot be reached the request is let through: the gateway stays up, and the failure is logged.
/// </summary>
public sealed partial class RedisRateLimiter(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<RedisRateLimiter> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public int PermitsPerWindow { get; } = configuration.GetValue("RateLimiting:PermitsPerMinute", 600);

    /// <returns>Null when allowed, or how long until the next window opens.</returns>
    public async Task<TimeSpan?> TryAcquireAsync(string clientKey)
    {
        var now = DateTimeOffset.UtcNow;
        var window = now.ToUnixTimeSeconds() / (long)Window.TotalSeconds;
        var key = $"ratelimit:{clientKey}:{window}";
        try
        {
            var database = redis.GetDatabase();
            var count = await database.StringIncrementAsync(key);
            if (count == 1)
            {
                await database.KeyExpireAsync(key, Window + TimeSpan.FromSeconds(5));
            }
            if (count <= PermitsPerWindow)
            {
                return null;
            }
            return DateTimeOffset.FromUnixTimeSeconds((window + 1) * (long)Window.TotalSeconds) - now;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisServerException)
        {
            LogRedisUnavailable(ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiting skipped: Redis unavailable ({Reason})")]
    private partial void LogRedisUnavailable(string reason);
}
