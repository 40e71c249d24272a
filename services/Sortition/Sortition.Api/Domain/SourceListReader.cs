using Assemblee.Sortition.Engine.Csv;

namespace Assemblee.Sortition.Domain;

/// <summary>What reading a list found: the rows kept, and every refused line (the first <see cref="SourceListReader.Listed"/>).</summary>
public sealed record SourceListVerdict(int Rows, IReadOnlyList<string> Errors, int ErrorCount)
{
    public bool Refused => ErrorCount > 0;
}

/// <summary>
/// Reads and checks a source list row by row: the header, each row's fields (<see cref="SourceListRow.Parse"/>), ids
/// seen twice and, when the text was decoded as UTF-8, bytes that were not UTF-8. Good rows go out in batches (and
/// are classified into the invitation strata) until the first bad one; after it only errors are counted, since one
/// bad line keeps nothing. Counts are readable from another thread while it runs, for progress.
/// </summary>
public sealed class SourceListReader(InvitationStrata strata, DateOnly today, bool decodedAsUtf8)
{
    public const int Listed = 100;
    private const int BatchSize = 2000;

    private int _rowsRead;
    private int _rowsRefused;

    public int RowsRead => Volatile.Read(ref _rowsRead);

    public int RowsRefused => Volatile.Read(ref _rowsRefused);

    public SourceListVerdict Read(TextReader reader, Action<List<(int Line, SourceListRow Row)>> send)
    {
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<(int, SourceListRow)>(BatchSize);
        void Refuse(int line, string reason)
        {
            if (Interlocked.Increment(ref _rowsRefused) <= Listed)
            {
                errors.Add($"line {line}: {reason}");
            }
        }
        var header = true;
        foreach (var (line, fields) in CsvReader.Read(reader))
        {
            if (decodedAsUtf8 && Array.Exists(fields, field => ListEncodings.HasUndecodableBytes(field)))
            {
                Refuse(line, "not valid UTF-8: declare the file's character set (e.g. Content-Type: text/csv; charset=windows-1252)");
                continue;
            }
            if (header)
            {
                header = false;
                if (!fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(SourceListRow.Columns))
                {
                    Refuse(line, $"the header must be {string.Join(',', SourceListRow.Columns)}");
                    break;
                }
                continue;
            }
            var (row, error) = SourceListRow.Parse(fields, today);
            if (row is null || !seen.Add(row.PersonRef))
            {
                Refuse(line, error ?? "this id appears earlier in the file");
                continue;
            }
            Interlocked.Increment(ref _rowsRead);
            if (_rowsRefused > 0)
            {
                continue; // Nothing will be kept: only look for further errors.
            }
            batch.Add((line, row));
            strata.Add(line, row);
            if (batch.Count == BatchSize)
            {
                send(batch);
                batch = new(BatchSize);
            }
        }
        if (_rowsRefused == 0 && batch.Count > 0)
        {
            send(batch);
        }
        if (_rowsRead == 0 && _rowsRefused == 0)
        {
            Refuse(1, "the file has no rows");
        }
        return new SourceListVerdict(_rowsRead, errors, _rowsRefused);
    }
}
