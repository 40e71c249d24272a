using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Assemblee.Sortition.Data;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (header "PGCOPY\n\377\r\n\0", flags, extension length; per row the
/// field count, then each field as a 4-byte length and its bytes; trailer −1) straight into Npgsql's raw COPY stream.
/// Npgsql's typed importer resolves a converter for every value, which on a 1.4-million-row list costs more than
/// PostgreSQL's whole insert; this writer encodes the few types imports use directly. Not completed means cancelled.
/// </summary>
public sealed class BinaryCopyWriter : IAsyncDisposable
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _position;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Header.CopyTo(_buffer, 0);
        _position = Header.Length;
    }

    /// <param name="copyCommand">COPY table (columns) FROM STDIN (FORMAT BINARY)</param>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);

    public void Write(string value)
    {
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length), commit: false);
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _position += 4 + length;
    }

    public void Write(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    /// <summary>A date: days since 2000-01-01.</summary>
    public void Write(DateOnly value) => Write(value.DayNumber - PostgresEpochDay);

    /// <summary>A uuid: its 16 bytes in RFC 4122 (big-endian) order.</summary>
    public void Write(Guid value)
    {
        var span = Reserve(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken);
        _position = 0;
        await _stream.DisposeAsync();
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _stream.CancelAsync();
            await _stream.DisposeAsync();
        }
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes, flushing first if needed; committed unless told otherwise.</summary>
    private Span<byte> Reserve(int bytes, bool commit = true)
    {
        if (_position + bytes > _buffer.Length)
        {
            _stream.Write(_buffer, 0, _position);
            _position = 0;
            if (bytes > _buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(bytes), "A field larger than the copy buffer.");
            }
        }
        var span = _buffer.AsSpan(_position, bytes);
        if (commit)
        {
            _position += bytes;
        }
        return span;
    }
}
