using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Assemblee.AppHost.LocalServers;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ as local processes from Debian's packages, for run mode on machines without a
/// container engine. Aspire's hosting integrations model these servers as containers only, hence our own resources:
/// Aspire allocates their ports, health checks make WaitFor work, and passwords are generated per state folder.
/// </summary>
public static class LocalServerExtensions
{
    private const string RabbitMQServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, LocalState state)
    {
        var directory = state.For(name);
        var password = builder.AddParameter($"{name}-password", () => state.Secret(name), secret: true);
        LocalState.WriteOwnerOnly(Path.Combine(directory, "initdb-password"), state.Secret(name));
        var resource = new LocalPostgresResource(name, directory, password.Resource);
        // PostgreSQL refuses to run as root: root runs it as "postgres" with setpriv, which execs, so Aspire's SIGTERM
        // reaches the server. Its log goes to stdout: on stderr the dashboard would show every line as an error.
        const string script = """
            set -e
            AS=""
            if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PWD"; AS="setpriv --reuid=postgres --regid=postgres --init-groups"; fi
            if [ ! -s data/PG_VERSION ]; then
              $AS "$PGBIN/initdb" -D "$PWD/data" -U postgres --pwfile="$PWD/initdb-password" --auth-local=trust \
                --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync > /dev/null
            fi
            rm -f initdb-password
            exec $AS "$PGBIN/postgres" -D "$PWD/data" -h localhost -k "" -c max_connections=300 2>&1
            """;
        return builder.AddResource(resource)
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "PGPORT")
            .WithEnvironment("PGBIN", Require("PostgreSQL", "postgresql", PostgresBinaries()))
            .WithArgs("-c", script)
            .WithReadinessCheck(name, cancellationToken => CanConnectAsync(resource, cancellationToken))
            .OnResourceReady(CreateDatabasesAsync);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database)
            .WithReadinessCheck(name, cancellationToken => CanConnectAsync(database, cancellationToken));
    }

    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, LocalState state)
    {
        var directory = state.For(name);
        var password = builder.AddParameter($"{name}-password", () => state.Secret(name), secret: true);
        // The password goes in a file, not on the command line where any local user could read it.
        var configuration = Path.Combine(directory, "redis.conf");
        LocalState.WriteOwnerOnly(configuration,
            $"bind 127.0.0.1\nsave \"\"\nappendonly no\ndir {directory}\nrequirepass {state.Secret(name)}\n");
        Require("Redis", "redis-server", "/usr/bin/redis-server");
        var resource = new LocalRedisResource(name, directory, password.Resource);
        return builder.AddResource(resource)
            .WithEndpoint(name: "tcp", scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add(configuration);
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithReadinessCheck(name, cancellationToken => AnswersAsync(resource.PrimaryEndpoint,
                Encoding.ASCII.GetBytes($"AUTH {state.Secret(name)}\r\nPING\r\n"),
                reply => reply.Contains("+PONG", StringComparison.Ordinal), cancellationToken));
    }

    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, LocalState state)
    {
        var directory = state.For(name);
        var password = builder.AddParameter($"{name}-password", () => state.Secret(name), secret: true);
        var configuration = Path.Combine(directory, "rabbitmq.conf");
        LocalState.WriteOwnerOnly(configuration, $"""
            default_user = {LocalRabbitMQResource.UserName}
            default_pass = {state.Secret(name)}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false

            """);
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[].");
        Require("RabbitMQ", "rabbitmq-server", RabbitMQServer);
        var resource = new LocalRabbitMQResource(name, directory, password.Resource);
        // Its own node name, distribution port and Erlang port mapper, so that two runs never share a broker; the port
        // mapper daemonizes itself, so it is stopped with the broker. A broker that does not stop within 10 s is killed,
        // and one left by an earlier start of this resource (killed before it could stop) is ended before starting
        // again, so that a restart never meets its predecessor's ports. Debian's wrapper would switch user and drop
        // the environment, hence the server script itself.
        const string script = """
            export HOME="$PWD" RABBITMQ_NODENAME="$NODE@localhost"
            export RABBITMQ_MNESIA_BASE="$PWD/mnesia" RABBITMQ_LOG_BASE="$PWD/log" RABBITMQ_CONFIG_FILE="$PWD/rabbitmq.conf"
            export RABBITMQ_ENABLED_PLUGINS_FILE="$PWD/enabled_plugins" RABBITMQ_PID_FILE="$PWD/rabbitmq.pid"
            [ -s rabbitmq.pid ] && kill -KILL "$(cat rabbitmq.pid)" 2> /dev/null
            [ -s epmd.port ] && ERL_EPMD_PORT="$(cat epmd.port)" epmd -kill > /dev/null 2>&1
            rm -f rabbitmq.pid; echo "$ERL_EPMD_PORT" > epmd.port
            "$SERVER" & BROKER=$!
            stopped() { epmd -kill > /dev/null 2>&1; rm -f epmd.port rabbitmq.pid; }
            trap 'kill -TERM $BROKER; (sleep 10; kill -KILL $BROKER 2> /dev/null) & wait $BROKER; stopped; exit 0' TERM INT
            wait $BROKER; stopped
            """;
        return builder.AddResource(resource)
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "RABBITMQ_NODE_PORT")
            .WithEndpoint(name: "distribution", scheme: "tcp", env: "RABBITMQ_DIST_PORT")
            .WithEndpoint(name: "epmd", scheme: "tcp", env: "ERL_EPMD_PORT")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("NODE", name)
            .WithEnvironment("SERVER", RabbitMQServer)
            .WithArgs("-c", script)
            // A live broker answers the AMQP 0-9-1 protocol header with a method frame (type 1: Connection.Start).
            .WithReadinessCheck(name, cancellationToken => AnswersAsync(resource.PrimaryEndpoint,
                "AMQP\0\0\u0009\u0001"u8.ToArray(), reply => reply.Length > 0 && reply[0] == 1, cancellationToken));
    }

    public static IResourceBuilder<LocalSmtpResource> AddLocalSmtp(this IDistributedApplicationBuilder builder, string name,
        LocalState state)
    {
        var resource = new LocalSmtpResource(name, state.For(name));
        Require("an SMTP server", "python3-aiosmtpd", "/usr/lib/python3/dist-packages/aiosmtpd");
        return builder.AddResource(resource)
            .WithEndpoint(name: "smtp", scheme: "tcp")
            // -n: stay the user that started it; -u: accept UTF-8 addresses (SMTPUTF8); Mailbox: keep each message.
            .WithArgs(context =>
            {
                context.Args.Add("-m");
                context.Args.Add("aiosmtpd");
                context.Args.Add("-n");
                context.Args.Add("-u");
                context.Args.Add("-l");
                context.Args.Add(
                    ReferenceExpression.Create($"127.0.0.1:{resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add("-c");
                context.Args.Add("aiosmtpd.handlers.Mailbox");
                context.Args.Add(resource.Maildir);
            })
            // A live SMTP server greets with 220 (RFC 5321, 4.2).
            .WithReadinessCheck(name, cancellationToken => AnswersAsync(resource.PrimaryEndpoint, "QUIT\r\n"u8.ToArray(),
                reply => reply.StartsWith("220", StringComparison.Ordinal), cancellationToken));
    }

    public static IResourceBuilder<LocalSmsResource> AddLocalSms(this IDistributedApplicationBuilder builder, string name,
        LocalState state)
    {
        var token = builder.AddParameter($"{name}-auth-token", () => state.Secret(name), secret: true);
        var resource = new LocalSmsResource(name, state.For(name), token.Resource);
        var script = Path.Combine(Path.GetDirectoryName(typeof(LocalSmsResource).Assembly.Location)!, "LocalServers", "sms_provider.py");
        return builder.AddResource(resource)
            .WithEndpoint(name: "http", scheme: "http")
            .WithEnvironment("SMS_ACCOUNT_SID", LocalSmsResource.AccountSid)
            .WithEnvironment("SMS_AUTH_TOKEN", token)
            .WithArgs(context =>
            {
                context.Args.Add(script);
                context.Args.Add(ReferenceExpression.Create($"{resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add(resource.Folder);
            })
            // A live HTTP server answers a request with a status line.
            .WithReadinessCheck(name, cancellationToken => AnswersAsync(resource.PrimaryEndpoint, "GET / HTTP/1.0\r\n\r\n"u8.ToArray(),
                reply => reply.StartsWith("HTTP/1.", StringComparison.Ordinal), cancellationToken));
    }

    private static IResourceBuilder<T> WithReadinessCheck<T>(
        this IResourceBuilder<T> builder, string name, Func<CancellationToken, Task<bool>> isReady) where T : IResource
    {
        var key = $"{name}-ready";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
            await isReady(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());
        return builder.WithHealthCheck(key);
    }

    /// <summary>Creates the declared databases once the server answers, then marks them running.</summary>
    private static async Task CreateDatabasesAsync(
        LocalPostgresResource server, ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in server.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database.DatabaseName });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            // Aspire mirrors a parent's state onto its children for containers only.
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        }
    }

    private static async Task<bool> CanConnectAsync(IResourceWithConnectionString resource, CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAsync(
        EndpointReference endpoint, byte[] request, Func<string, bool> isReady, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(request, timeout.Token);
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return read > 0 && isReady(Encoding.Latin1.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<string> PostgresBinaries() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(directory => int.TryParse(Path.GetFileName(directory), out var version) ? version : 0)
            .Select(directory => Path.Combine(directory, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
        : [];

    private static string Require(string server, string package, params IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(path => File.Exists(path) || Directory.Exists(path))
        ?? throw new DistributedApplicationException($"{server} is not installed: run ./run.sh, or apt-get install -y {package}.");
}
