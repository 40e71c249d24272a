using System.Buffers;
using System.Buffers.Binary;
using Npgsql;

namespace Assemblee.Sortition.Data;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format (header "PGCOPY\n\377\r\n\0", flags, extension length; per row the
/// field count, then each field as a 4-byte length and its bytes; trailer −1) into pooled 1 MiB chunks, handed to
/// <paramref name="emit"/> as they fill. Synchronous, for the thread that reads the list: text fields are copied as the
/// UTF-8 bytes they arrived in. (Npgsql's typed importer resolves a converter for every value, which on a
/// 1.4-million-row list costs more than PostgreSQL's whole insert.)
/// </summary>
public sealed class BinaryCopyEncoder(Action<byte[], int> emit)
{
    private const int ChunkSize = 1 << 20;
    // The 11-byte signature, the flags (4 bytes), the header extension's length (4 bytes).
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private byte[] _chunk = StartChunk();
    private int _position = Header.Length;

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);

    /// <summary>A text value, already UTF-8.</summary>
    public void Write(ReadOnlySpan<byte> utf8)
    {
        var span = Reserve(4 + utf8.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, utf8.Length);
        utf8.CopyTo(span[4..]);
    }

    public void Write(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    /// <summary>A date: days since 2000-01-01.</summary>
    public void Write(DateOnly value) => Write(value.DayNumber - PostgresEpochDay);

    /// <summary>Writes the trailer and hands over the last chunk.</summary>
    public void Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        emit(_chunk, _position);
        _chunk = [];
    }

    private static byte[] StartChunk()
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        Header.CopyTo(chunk, 0);
        return chunk;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_position + bytes > _chunk.Length)
        {
            emit(_chunk, _position);
            _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, bytes));
            _position = 0;
        }
        var span = _chunk.AsSpan(_position, bytes);
        _position += bytes;
        return span;
    }
}

/// <summary>A COPY … FROM STDIN (FORMAT BINARY) in progress: chunks written in order; not completed means cancelled.</summary>
public sealed class BinaryCopyWriter(NpgsqlRawCopyStream stream) : IAsyncDisposable
{
    private bool _completed;

    public static async Task<BinaryCopyWriter> BeginAsync(
        NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));

    /// <summary>Writes a chunk made by <see cref="BinaryCopyEncoder"/> and gives its buffer back to the pool.</summary>
    public async Task WriteAsync(byte[] chunk, int length, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(chunk.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public async Task CompleteAsync()
    {
        await stream.DisposeAsync();
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await stream.CancelAsync();
            await stream.DisposeAsync();
        }
    }
}
