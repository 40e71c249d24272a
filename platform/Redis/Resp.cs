using System.Globalization;
using System.Text;

namespace StackExchange.Redis;

/// <summary>The Redis serialization protocol, version 2 (redis.io/docs/reference/protocol-spec).</summary>
internal static class Resp
{
    public static byte[] EncodeCommand(IReadOnlyList<string> parts)
    {
        var builder = new StringBuilder();
        builder.Append('*').Append(parts.Count).Append("\r\n");
        foreach (var part in parts)
        {
            builder.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Reads one reply: string, long, null, an error as <see cref="RedisServerException"/>, or object?[] for arrays.</summary>
    public static async Task<object?> ReadReplyAsync(BufferedReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken);
        var body = line[1..];
        switch (line[0])
        {
            case '+':
                return body;
            case '-':
                return new RedisServerException(body);
            case ':':
                return long.Parse(body, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(body, CultureInfo.InvariantCulture);
                return length < 0 ? null : await reader.ReadBulkAsync(length, cancellationToken);
            case '*':
                var count = int.Parse(body, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }
                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(reader, cancellationToken);
                }
                return items;
            default:
                throw new RedisConnectionException($"Unexpected reply type '{line[0]}'.");
        }
    }
}

internal sealed class BufferedReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            for (; _start < _end; _start++)
            {
                if (_buffer[_start] == '\n' && line.Count > 0 && line[^1] == '\r')
                {
                    _start++;
                    return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 1);
                }
                line.Add(_buffer[_start]);
            }
            await FillAsync(cancellationToken);
        }
    }

    public async Task<string> ReadBulkAsync(int length, CancellationToken cancellationToken)
    {
        var data = new byte[length + 2];
        var copied = 0;
        while (copied < data.Length)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken);
            }
            var chunk = Math.Min(_end - _start, data.Length - copied);
            Array.Copy(_buffer, _start, data, copied, chunk);
            _start += chunk;
            copied += chunk;
        }
        return Encoding.UTF8.GetString(data, 0, length);
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken);
        if (_end == 0)
        {
            throw new RedisConnectionException("The server closed the connection.");
        }
    }
}
