using System.Globalization;
using System.Text.Unicode;
using Assemblee.Sortition.Engine.Csv;

namespace Assemblee.Sortition.Domain;

/// <summary>What reading a list found: the rows kept, and every refused line (the first <see cref="SourceListReader.Listed"/>).</summary>
public sealed record SourceListVerdict(int Rows, IReadOnlyList<string> Errors, int ErrorCount)
{
    public bool Refused => ErrorCount > 0;
}

/// <summary>Where the rows of a list go as they are read (the import's COPY).</summary>
public interface ISourceListSink
{
    void Add(int line, in SourceListRow row);
}

/// <summary>
/// Reads and checks a source list row by row from its UTF-8 bytes: the header, each row's fields
/// (<see cref="SourceListRow.TryParse"/>), ids seen twice and, unless the bytes were transcoded from a declared
/// charset, bytes that are not UTF-8. Good rows go to the sink (and are classified into the invitation strata) until the
/// first bad one; after it only errors are counted, since one bad line keeps nothing. Counts are readable from another
/// thread while it runs, for progress.
/// </summary>
/// <param name="maxRecordBytes">The longest record read; longer, the list is refused there (an open quote, most often).</param>
public sealed class SourceListReader(InvitationStrata strata, DateOnly today, bool checkUtf8, int maxRecordBytes = 64 << 20)
{
    public const int Listed = 100;

    private int _rowsRead;
    private int _rowsRefused;

    public int RowsRead => Volatile.Read(ref _rowsRead);

    public int RowsRefused => Volatile.Read(ref _rowsRefused);

    public SourceListVerdict Read(Stream utf8, ISourceListSink sink)
    {
        var errors = new List<string>();
        var seen = new IdSet();
        void Refuse(int line, string reason)
        {
            if (Interlocked.Increment(ref _rowsRefused) <= Listed)
            {
                errors.Add($"line {line}: {reason}");
            }
        }
        var csv = new Utf8CsvReader(utf8, maxRecordBytes: maxRecordBytes);
        try
        {
            var header = true;
            while (csv.TryRead(out var record))
            {
                if (checkUtf8 && !Utf8.IsValid(record.Raw))
                {
                    Refuse(record.Line,
                        "not valid UTF-8: declare the file's character set (e.g. Content-Type: text/csv; charset=windows-1252)");
                    continue;
                }
                if (header)
                {
                    header = false;
                    if (!SourceListRow.IsHeader(record))
                    {
                        Refuse(record.Line, $"the header must be {string.Join(',', SourceListRow.Columns)}");
                        break;
                    }
                    continue;
                }
                if (SourceListRow.TryParse(record, today, out var row) is { } error)
                {
                    Refuse(record.Line, error);
                    continue;
                }
                if (!seen.Add(row.PersonRef))
                {
                    Refuse(record.Line, "this id appears earlier in the file");
                    continue;
                }
                Interlocked.Increment(ref _rowsRead);
                if (_rowsRefused > 0)
                {
                    continue; // Nothing will be kept: only look for further errors.
                }
                strata.Add(record.Line, row.BirthDate, row.Male, row.Arrondissement);
                sink.Add(record.Line, row);
            }
        }
        catch (CsvRecordTooLongException tooLong)
        {
            Refuse(tooLong.Line, string.Create(CultureInfo.InvariantCulture,
                $"a record longer than {tooLong.MaxBytes:N0} bytes (is a quote left open?)"));
        }
        if (_rowsRead == 0 && _rowsRefused == 0)
        {
            Refuse(1, "the file has no rows");
        }
        return new SourceListVerdict(_rowsRead, errors, _rowsRefused);
    }
}
