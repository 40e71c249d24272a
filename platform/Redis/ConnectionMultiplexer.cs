using System.Globalization;
using System.Net.Sockets;

namespace StackExchange.Redis;

public interface IConnectionMultiplexer : IAsyncDisposable
{
    IDatabase GetDatabase();
}

/// <summary>
/// One pipelined connection: commands are written in order under a lock and their replies, which Redis sends in
/// the same order, complete a FIFO of waiting callers. A broken connection fails what is in flight and is opened
/// again by the next command.
/// </summary>
public sealed class ConnectionMultiplexer : IConnectionMultiplexer
{
    private readonly string _host;
    private readonly int _port;
    private readonly string? _password;
    private readonly TimeSpan _connectTimeout;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Connection? _connection;
    private bool _disposed;

    private ConnectionMultiplexer(string configuration)
    {
        var parts = configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoint = parts.FirstOrDefault(p => !p.Contains('=')) ?? throw new ArgumentException("The configuration names no host:port.", nameof(configuration));
        var colon = endpoint.LastIndexOf(':');
        _host = colon < 0 ? endpoint : endpoint[..colon];
        _port = colon < 0 ? 6379 : int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture);
        _connectTimeout = TimeSpan.FromSeconds(5);
        foreach (var option in parts.Where(p => p.Contains('=')))
        {
            var (key, value) = (option[..option.IndexOf('=')].ToLowerInvariant(), option[(option.IndexOf('=') + 1)..]);
            switch (key)
            {
                case "password":
                    _password = value;
                    break;
                case "connecttimeout":
                    _connectTimeout = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    /// <summary>Parses "host:port,password=…" (the Aspire connection string) and opens the connection.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var multiplexer = Create(configuration);
        await multiplexer.GetDatabase().PingAsync();
        return multiplexer;
    }

    /// <summary>Parses the configuration; the connection opens with the first command.</summary>
    public static ConnectionMultiplexer Create(string configuration) => new(configuration);

    public IDatabase GetDatabase() => new Database(this);

    internal async Task<object?> ExecuteAsync(params string[] command)
    {
        Task<object?> reply;
        await _writeLock.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not { IsBroken: false })
            {
                _connection?.Dispose();
                _connection = await Connection.OpenAsync(_host, _port, _password, _connectTimeout);
            }
            reply = await _connection.SendAsync(Resp.EncodeCommand(command));
        }
        finally
        {
            _writeLock.Release();
        }
        var result = await reply;
        return result is RedisServerException error ? throw error : result;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        _disposed = true;
        _connection?.Dispose();
        _writeLock.Release();
    }

    private sealed class Connection : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly Queue<TaskCompletionSource<object?>> _pending = new();
        private readonly CancellationTokenSource _stop = new();

        private Connection(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
            _ = ReadRepliesAsync();
        }

        public bool IsBroken { get; private set; }

        public static async Task<Connection> OpenAsync(string host, int port, string? password, TimeSpan timeout)
        {
            var client = new TcpClient { NoDelay = true };
            try
            {
                using var cancel = new CancellationTokenSource(timeout);
                await client.ConnectAsync(host, port, cancel.Token);
            }
            catch (Exception ex)
            {
                client.Dispose();
                throw new RedisConnectionException($"Cannot connect to Redis at {host}:{port}.", ex);
            }
            var connection = new Connection(client);
            if (password is not null)
            {
                var auth = await await connection.SendAsync(Resp.EncodeCommand(["AUTH", password]));
                if (auth is RedisServerException error)
                {
                    connection.Dispose();
                    throw new RedisConnectionException($"Redis refused the password: {error.Message}");
                }
            }
            return connection;
        }

        /// <summary>Writes a command; the returned task completes with its reply. Called under the write lock.</summary>
        public async Task<Task<object?>> SendAsync(byte[] command)
        {
            var reply = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pending)
            {
                if (IsBroken)
                {
                    throw new RedisConnectionException("The connection to Redis is broken.");
                }
                _pending.Enqueue(reply);
            }
            try
            {
                await _stream.WriteAsync(command);
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            return reply.Task;
        }

        private async Task ReadRepliesAsync()
        {
            var reader = new BufferedReader(_stream);
            try
            {
                while (true)
                {
                    var reply = await Resp.ReadReplyAsync(reader, _stop.Token);
                    TaskCompletionSource<object?> waiter;
                    lock (_pending)
                    {
                        waiter = _pending.Dequeue();
                    }
                    waiter.TrySetResult(reply);
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }

        private void Fail(Exception ex)
        {
            lock (_pending)
            {
                IsBroken = true;
                while (_pending.TryDequeue(out var waiter))
                {
                    waiter.TrySetException(new RedisConnectionException("The connection to Redis was lost.", ex));
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _client.Dispose();
            Fail(new ObjectDisposedException(nameof(Connection)));
        }
    }
}
