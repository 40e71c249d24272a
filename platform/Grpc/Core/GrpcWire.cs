using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Grpc.Core;

/// <summary>The gRPC over HTTP/2 wire format (grpc/grpc doc/PROTOCOL-HTTP2.md): framing, timeouts, status headers.</summary>
internal static class GrpcWire
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const int HeaderSize = 5;
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Headers that belong to HTTP/2 or to gRPC itself and never reach application metadata.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "te", "host", "user-agent", "accept-encoding", "content-length", "grpc-encoding", "grpc-accept-encoding",
        TimeoutHeader, StatusHeader, MessageHeader, ":method", ":scheme", ":path", ":authority", "date", "server",
    };

    public static bool IsReserved(string header) => ReservedHeaders.Contains(header) || header.StartsWith(':');

    public static byte[] Frame(byte[] payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        frame[0] = 0; // not compressed: this transport never compresses
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>Reads one length-prefixed message, or null at a clean end of stream.</summary>
    public static async Task<byte[]?> ReadMessageAsync(Stream stream, int maxMessageSize, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        var read = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }
        if (read < HeaderSize)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message header."));
        }
        if (header[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "Compressed messages are not supported."));
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message exceeds the maximum size of {maxMessageSize} bytes."));
        }
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return payload;
    }

    public static T Deserialize<T>(Marshaller<T> marshaller, byte[] payload)
    {
        try
        {
            return marshaller.Deserialize(new ReadOnlySequence<byte>(payload));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message."));
        }
    }

    public static string FormatTimeout(TimeSpan timeout)
    {
        // At most eight digits: pick the finest unit that fits.
        var ticks = Math.Max(0, timeout.Ticks);
        var millis = (long)Math.Ceiling(ticks / (double)TimeSpan.TicksPerMillisecond);
        if (millis < 100_000_000)
        {
            return millis.ToString(CultureInfo.InvariantCulture) + "m";
        }
        var seconds = (long)Math.Ceiling(timeout.TotalSeconds);
        return seconds < 100_000_000 ? seconds + "S" : Math.Min(99_999_999, (long)Math.Ceiling(timeout.TotalHours)) + "H";
    }

    public static TimeSpan? ParseTimeout(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 9 ||
            !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    public static string EncodeMessage(string message)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    public static string DecodeMessage(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return "";
        }
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length &&
                byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add((byte)encoded[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static Status? ReadStatus(Func<string, string?> header)
    {
        var code = header(StatusHeader);
        if (code is null)
        {
            return null;
        }
        return int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new Status((StatusCode)value, DecodeMessage(header(MessageHeader)))
            : new Status(StatusCode.Internal, $"Invalid grpc-status '{code}'.");
    }

    /// <summary>The status a client reports when the HTTP response itself failed (gRPC's HTTP to status mapping).</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static void CopyMetadata(Metadata metadata, Action<string, string> add)
    {
        foreach (var entry in metadata)
        {
            add(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
        }
    }

    public static Metadata ToMetadata(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (IsReserved(key))
            {
                continue;
            }
            foreach (var value in values)
            {
                if (key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    metadata.Add(key, DecodeBase64(value));
                }
                else
                {
                    metadata.Add(key, value);
                }
            }
        }
        return metadata;
    }

    private static byte[] DecodeBase64(string value)
    {
        // gRPC senders may omit base64 padding.
        var padded = value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '=');
        return Convert.FromBase64String(padded);
    }
}
