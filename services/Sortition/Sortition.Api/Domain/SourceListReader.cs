using System.Globalization;
using System.Text.Unicode;
using Assemblee.Common.Rules;
using Assemblee.Sortition.Engine.Csv;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// What reading a list found: the rows kept, and every refused line (the first <see cref="SourceListReader.Listed"/>), in words
/// ("line 3: …") and, in the same order, by the rule each broke, for a screen that says it in its reader's language.
/// </summary>
public sealed record SourceListVerdict(int Rows, IReadOnlyList<string> Errors, int ErrorCount, IReadOnlyList<RefusedLine> RefusedLines)
{
    public bool Refused => ErrorCount > 0;
}

/// <summary>A line of a list refused by a rule: its number, the rule's code and the arguments of its words.</summary>
public sealed record RefusedLine(int Line, string Code, object[] Arguments);

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
        var refused = new List<RefusedLine>();
        var seen = new IdSet();
        void Refuse(int line, FieldRule reason)
        {
            if (Interlocked.Increment(ref _rowsRefused) <= Listed)
            {
                errors.Add($"line {line}: {reason.Message}");
                refused.Add(new RefusedLine(line, reason.Code, reason.Arguments));
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
                    Refuse(record.Line, new FieldRule("not-utf8",
                        "not valid UTF-8: declare the file's character set (e.g. Content-Type: text/csv; charset=windows-1252)"));
                    continue;
                }
                if (header)
                {
                    header = false;
                    if (!SourceListRow.IsHeader(record))
                    {
                        var columns = string.Join(',', SourceListRow.Columns);
                        Refuse(record.Line, new FieldRule("list-header", $"the header must be {columns}", columns));
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
                    Refuse(record.Line, new FieldRule("repeated-id", "this id appears earlier in the file"));
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
            Refuse(tooLong.Line, new FieldRule("record-too-long", string.Create(CultureInfo.InvariantCulture,
                $"a record longer than {tooLong.MaxBytes:N0} bytes (is a quote left open?)"), tooLong.MaxBytes));
        }
        if (_rowsRead == 0 && _rowsRefused == 0)
        {
            Refuse(1, new FieldRule("no-rows", "the file has no rows"));
        }
        return new SourceListVerdict(_rowsRead, errors, _rowsRefused, refused);
    }
}
