using System.Globalization;

namespace StackExchange.Redis;

/// <summary>The commands the project uses, with StackExchange.Redis's method names.</summary>
public interface IDatabase
{
    Task<TimeSpan> PingAsync();

    Task<RedisValue> StringGetAsync(RedisKey key);

    Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, When when = When.Always);

    Task<long> StringIncrementAsync(RedisKey key, long value = 1);

    Task<bool> KeyExpireAsync(RedisKey key, TimeSpan? expiry);

    Task<bool> KeyDeleteAsync(RedisKey key);

    /// <summary>Takes a lock held by <paramref name="value"/> for at most <paramref name="expiry"/>.</summary>
    Task<bool> LockTakeAsync(RedisKey key, RedisValue value, TimeSpan expiry);

    /// <summary>Releases the lock only if <paramref name="value"/> still holds it.</summary>
    Task<bool> LockReleaseAsync(RedisKey key, RedisValue value);
}

internal sealed class Database(ConnectionMultiplexer connection) : IDatabase
{
    private const string ReleaseIfHeld = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    public async Task<TimeSpan> PingAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await connection.ExecuteAsync("PING");
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    public async Task<RedisValue> StringGetAsync(RedisKey key) => (string?)await connection.ExecuteAsync("GET", key.Value);

    public async Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, When when = When.Always)
    {
        var command = new List<string> { "SET", key.Value, value.ToString() };
        if (expiry is { } ttl)
        {
            command.AddRange(["PX", Milliseconds(ttl)]);
        }
        if (when != When.Always)
        {
            command.Add(when == When.NotExists ? "NX" : "XX");
        }
        return await connection.ExecuteAsync([.. command]) is "OK";
    }

    public async Task<long> StringIncrementAsync(RedisKey key, long value = 1) =>
        (long)(await connection.ExecuteAsync("INCRBY", key.Value, value.ToString(CultureInfo.InvariantCulture)))!;

    public async Task<bool> KeyExpireAsync(RedisKey key, TimeSpan? expiry) =>
        expiry is { } ttl
            ? await connection.ExecuteAsync("PEXPIRE", key.Value, Milliseconds(ttl)) is 1L
            : await connection.ExecuteAsync("PERSIST", key.Value) is 1L;

    public async Task<bool> KeyDeleteAsync(RedisKey key) => await connection.ExecuteAsync("DEL", key.Value) is 1L;

    public Task<bool> LockTakeAsync(RedisKey key, RedisValue value, TimeSpan expiry) => StringSetAsync(key, value, expiry, When.NotExists);

    public async Task<bool> LockReleaseAsync(RedisKey key, RedisValue value) =>
        await connection.ExecuteAsync("EVAL", ReleaseIfHeld, "1", key.Value, value.ToString()) is 1L;

    private static string Milliseconds(TimeSpan ttl) => ((long)Math.Ceiling(ttl.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
