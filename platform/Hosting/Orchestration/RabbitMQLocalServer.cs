using System.Globalization;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// RabbitMQ from Debian's rabbitmq-server package, on its own node name, ports and Erlang port mapper, so that
/// several applications (parallel test runs) never share a broker.
/// </summary>
internal sealed class RabbitMQLocalServer(RabbitMQServerResource resource, LocalServerContext context) : LocalServer(context)
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly int _distributionPort = PortAllocator.GetFreePort();
    private readonly int _portMapperPort = PortAllocator.GetFreePort();

    public override async Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        Require("RabbitMQ", "apt-get install -y rabbitmq-server", Server);
        var port = resource.PrimaryEndpoint.GetPort();
        Directory.CreateDirectory(Path.Combine(Context.StateDirectory, "log"));
        var configuration = Path.Combine(Context.StateDirectory, "rabbitmq.conf");
        await File.WriteAllTextAsync(configuration, $"""
            default_user = {RabbitMQServerResource.UserName}
            default_pass = {resource.Password.Value}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false
            """, cancellationToken);
        var plugins = Path.Combine(Context.StateDirectory, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].", cancellationToken);
        GiveTo("rabbitmq", Context.StateDirectory);

        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"{resource.Name}-{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = _portMapperPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(Context.StateDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(Context.StateDirectory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = configuration,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_PID_FILE"] = Path.Combine(Context.StateDirectory, "rabbitmq.pid"),
            // Root runs the broker as "rabbitmq", whose home holds the Erlang cookie; others keep it in the state folder.
            ["HOME"] = IsRoot ? "/var/lib/rabbitmq" : Context.StateDirectory,
        };
        return AsUser("rabbitmq", Server, [], environment, Context.StateDirectory);
    }

    /// <summary>Ready once the broker answers the AMQP 0-9-1 protocol header with its Connection.Start method frame.</summary>
    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", resource.PrimaryEndpoint.GetPort(), cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), cancellationToken);
            var frame = new byte[1];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            return await stream.ReadAsync(frame, timeout.Token) == 1 && frame[0] == 1;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The Erlang port mapper daemonizes itself; stop it with the broker so nothing is left behind.</summary>
    public override async Task CleanupAsync()
    {
        if (!File.Exists("/usr/bin/epmd"))
        {
            return;
        }
        var spec = new ProcessSpec("/usr/bin/epmd", ["-port", _portMapperPort.ToString(CultureInfo.InvariantCulture), "-kill"], new Dictionary<string, string>(), Context.StateDirectory);
        await using var process = ManagedProcess.Start(spec, new ResourceLog(resource.Name, echo: false));
        await process.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
