using StackExchange.Redis;

namespace Assemblee.Tests.Platform;

/// <summary>The RESP client against a real redis-server.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RedisClientTests(InfrastructureFixture infrastructure)
{
    private async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync((await infrastructure.App.GetConnectionStringAsync("cache"))!);

    private static string Key() => "test:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_value_set_with_an_expiry_is_read_back_then_expires()
    {
        await using var redis = await ConnectAsync();
        var db = redis.GetDatabase();
        var key = Key();

        Assert.True(await db.StringSetAsync(key, "vœu n°1", TimeSpan.FromMilliseconds(300)));
        Assert.Equal("vœu n°1", (string?)await db.StringGetAsync(key));
        await Task.Delay(800);
        Assert.True((await db.StringGetAsync(key)).IsNull);
    }

    [Fact]
    public async Task A_lock_is_held_by_one_owner_and_only_the_owner_releases_it()
    {
        await using var redis = await ConnectAsync();
        var db = redis.GetDatabase();
        var key = Key();

        Assert.True(await db.LockTakeAsync(key, "draw-1", TimeSpan.FromSeconds(30)));
        Assert.False(await db.LockTakeAsync(key, "draw-2", TimeSpan.FromSeconds(30)));
        Assert.False(await db.LockReleaseAsync(key, "draw-2"));
        Assert.True(await db.LockReleaseAsync(key, "draw-1"));
        Assert.True(await db.LockTakeAsync(key, "draw-2", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Counters_increment_expire_and_delete()
    {
        await using var redis = await ConnectAsync();
        var db = redis.GetDatabase();
        var key = Key();

        Assert.Equal(1, await db.StringIncrementAsync(key));
        Assert.Equal(6, await db.StringIncrementAsync(key, 5));
        Assert.True(await db.KeyExpireAsync(key, TimeSpan.FromMinutes(1)));
        Assert.True(await db.KeyDeleteAsync(key));
        Assert.False(await db.KeyDeleteAsync(key));
        Assert.True((await db.StringGetAsync(key)).IsNull);
    }

    [Fact]
    public async Task Concurrent_commands_on_one_connection_each_get_their_own_reply()
    {
        await using var redis = await ConnectAsync();
        var db = redis.GetDatabase();
        var prefix = Key();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => db.StringSetAsync($"{prefix}:{i}", $"value-{i}")));

        var values = await Task.WhenAll(Enumerable.Range(0, 500).Select(async i => (i, value: (string?)await db.StringGetAsync($"{prefix}:{i}"))));
        var counter = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => db.StringIncrementAsync(prefix + ":counter")));

        Assert.All(values, v => Assert.Equal($"value-{v.i}", v.value));
        Assert.Equal(1000, counter.Max());
        Assert.Equal(1000, counter.Distinct().Count());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_error()
    {
        var connectionString = (await infrastructure.App.GetConnectionStringAsync("cache"))!;
        var wrong = connectionString[..connectionString.IndexOf("password=", StringComparison.Ordinal)] + "password=wrong";

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(wrong));

        Assert.Contains("refused the password", error.Message);
    }

    [Fact]
    public async Task The_connection_fails_fast_while_Redis_is_down_and_recovers_when_it_is_back()
    {
        await using var redis = await ConnectAsync();
        var db = redis.GetDatabase();
        await db.PingAsync();

        await infrastructure.App.StopResourceAsync("cache");
        try
        {
            await Assert.ThrowsAsync<RedisConnectionException>(() => db.PingAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await infrastructure.App.StartResourceAsync("cache");
            await infrastructure.App.ResourceNotifications.WaitForResourceHealthyAsync("cache");
        }

        Assert.True(await db.StringSetAsync(Key(), "back"));
    }
}
