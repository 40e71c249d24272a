namespace Assemblee.Sortition.Engine.Csv;

/// <summary>A record longer than the reader accepts, most often because a quote was left open.</summary>
public sealed class CsvRecordTooLongException(int line, int maxBytes)
    : Exception($"The record of line {line} is longer than {maxBytes} bytes.")
{
    public int Line { get; } = line;

    public int MaxBytes { get; } = maxBytes;
}

/// <summary>One record: its fields as UTF-8 bytes (valid until the next record is read), and the line it starts on.</summary>
public ref struct Utf8CsvRecord
{
    private readonly ReadOnlySpan<byte> _source;
    private readonly ReadOnlySpan<int> _bounds;

    internal Utf8CsvRecord(int line, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> source, ReadOnlySpan<int> bounds)
    {
        Line = line;
        Raw = raw;
        _source = source;
        _bounds = bounds;
    }

    public int Line { get; }

    /// <summary>The record's bytes as read (quotes and line breaks included), e.g. to check they are UTF-8.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    public readonly int Count => _bounds.Length / 2;

    public readonly ReadOnlySpan<byte> this[int field] => _source[_bounds[2 * field].._bounds[(2 * field) + 1]];
}

/// <summary>
/// RFC 4180 records read from UTF-8 bytes without decoding them: comma-separated, double-quoted fields may hold commas,
/// quotes ("") and line breaks; CRLF or LF; blank lines skipped; a UTF-8 byte order mark skipped. The source list
/// import reads a roll of millions of rows with it: fields are cut with vectorised searches and handed out as spans,
/// so that no string is made of a row that goes straight to PostgreSQL. (<see cref="CsvReader"/> reads small files as
/// text.) Reads synchronously: it runs on a thread of its own.
/// </summary>
public sealed class Utf8CsvReader(Stream input, int bufferSize = 1 << 20, int maxRecordBytes = 64 << 20)
{
    private byte[] _buffer = new byte[bufferSize];
    private byte[] _unquoted = new byte[4096];
    private int[] _bounds = new int[32];
    private int _start;
    private int _end;
    private int _line;
    private bool _eof;
    private bool _started;

    /// <summary>Reads the next non-blank record; false at the end of the input.</summary>
    public bool TryRead(out Utf8CsvRecord record)
    {
        while (true)
        {
            if (!_started)
            {
                _started = true;
                Fill();
                if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    _start = 3;
                }
            }
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline < 0 && !_eof)
            {
                More();
                continue;
            }
            if (available.Length == 0)
            {
                record = default;
                return false;
            }
            var line = available[..(newline < 0 ? available.Length : newline)];
            if (line.IndexOf((byte)'"') < 0)
            {
                var lineStart = _start;
                _line++;
                _start += newline < 0 ? available.Length : newline + 1;
                var length = line.EndsWith((byte)'\r') ? line.Length - 1 : line.Length;
                if (length == 0)
                {
                    continue;
                }
                record = Split(_line, lineStart, length);
                return true;
            }
            if (TryQuoted(available, out record, out var consumed))
            {
                _start += consumed;
                return true;
            }
            More();
        }
    }

    /// <summary>A record without quotes: fields are slices of the buffer.</summary>
    private Utf8CsvRecord Split(int line, int offset, int length)
    {
        var content = _buffer.AsSpan(offset, length);
        var count = 0;
        var position = 0;
        while (true)
        {
            var comma = content[position..].IndexOf((byte)',');
            var end = comma < 0 ? content.Length : position + comma;
            Bound(count++, offset + position, offset + end);
            if (comma < 0)
            {
                break;
            }
            position = end + 1;
        }
        return new Utf8CsvRecord(line, content, _buffer, _bounds.AsSpan(0, 2 * count));
    }

    /// <summary>
    /// A record with quotes, unquoted into a buffer of its own; false when it goes on past the bytes read so far. An
    /// unterminated quote takes the rest of the input, up to the longest record accepted.
    /// </summary>
    private bool TryQuoted(ReadOnlySpan<byte> available, out Utf8CsvRecord record, out int consumed)
    {
        record = default;
        var count = 0;
        var written = 0;
        var lines = 1;
        var i = 0;
        var fieldStart = 0;
        var quoted = false;
        while (true)
        {
            if (i >= maxRecordBytes)
            {
                throw new CsvRecordTooLongException(_line + 1, maxRecordBytes);
            }
            if (i >= available.Length)
            {
                if (!_eof)
                {
                    consumed = 0;
                    return false;
                }
                break;
            }
            var b = available[i];
            if (quoted)
            {
                if (b == '"')
                {
                    if (i + 1 >= available.Length && !_eof)
                    {
                        consumed = 0;
                        return false;
                    }
                    if (i + 1 < available.Length && available[i + 1] == '"')
                    {
                        Put(ref written, b);
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (b == '\n')
                {
                    lines++;
                }
                Put(ref written, b);
                i++;
                continue;
            }
            if (b == '"')
            {
                quoted = true;
                i++;
                continue;
            }
            if (b == ',')
            {
                Bound(count++, fieldStart, written);
                fieldStart = written;
                i++;
                continue;
            }
            if (b == '\n')
            {
                break;
            }
            Put(ref written, b);
            i++;
        }
        var raw = available[..i];
        consumed = Math.Min(i + 1, available.Length);
        // A CR before the line feed ends the line; it is not part of the last field.
        var last = written > fieldStart && _unquoted[written - 1] == '\r' && raw.EndsWith((byte)'\r') ? written - 1 : written;
        Bound(count++, fieldStart, last);
        _line++;
        var startLine = _line;
        _line += lines - 1;
        record = new Utf8CsvRecord(startLine, raw, _unquoted, _bounds.AsSpan(0, 2 * count));
        return true;
    }

    private void Put(ref int written, byte value)
    {
        if (written == _unquoted.Length)
        {
            Array.Resize(ref _unquoted, _unquoted.Length * 2);
        }
        _unquoted[written++] = value;
    }

    private void Bound(int field, int start, int end)
    {
        if ((2 * field) + 1 >= _bounds.Length)
        {
            Array.Resize(ref _bounds, _bounds.Length * 2);
        }
        _bounds[2 * field] = start;
        _bounds[(2 * field) + 1] = end;
    }

    /// <summary>Keeps the unread bytes and reads more after them, growing the buffer for a record longer than it.</summary>
    private void More()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        else if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxRecordBytes)
            {
                throw new CsvRecordTooLongException(_line + 1, maxRecordBytes);
            }
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        Fill();
    }

    private void Fill()
    {
        while (_end < _buffer.Length)
        {
            var read = input.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return;
            }
            _end += read;
        }
    }
}
