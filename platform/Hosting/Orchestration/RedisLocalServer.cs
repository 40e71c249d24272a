using Aspire.Hosting.ApplicationModel;
using StackExchange.Redis;

namespace Aspire.Hosting.Orchestration;

/// <summary>Redis from Debian's redis-server package, password-protected, without persistence.</summary>
internal sealed class RedisLocalServer(RedisResource resource, LocalServerContext context) : LocalServer(context)
{
    public override async Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        var server = Require("Redis", "apt-get install -y redis-server", "/usr/bin/redis-server");
        Directory.CreateDirectory(Context.StateDirectory);
        // The password goes in a file, not on the command line where any local user could read it.
        var configuration = Path.Combine(Context.StateDirectory, "redis.conf");
        await File.WriteAllTextAsync(configuration, $"""
            port {resource.PrimaryEndpoint.GetPort()}
            bind 127.0.0.1
            save ""
            appendonly no
            dir {Context.StateDirectory}
            requirepass {resource.Password.Value}
            """, cancellationToken);
        return new ProcessSpec(server, [configuration], new Dictionary<string, string>(), Context.StateDirectory);
    }

    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync((await resource.ConnectionStringExpression.GetValueAsync(cancellationToken))!);
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
