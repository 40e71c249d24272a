using System.Text;

namespace Assemblee.Sortition.Engine.Csv;

/// <summary>A bad input file: every problem found, each with its line, so the file can be fixed in one pass.</summary>
public sealed class CsvFormatException(string file, IReadOnlyList<string> errors)
    : Exception($"{file}: {errors.Count} problem(s): {string.Join("; ", errors.Take(20))}{(errors.Count > 20 ? "; …" : "")}")
{
    public string File { get; } = file;

    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>RFC 4180 records: comma-separated, double-quoted fields may hold commas, quotes ("") and line breaks.</summary>
public static class CsvReader
{
    /// <returns>Each non-blank record with the line it starts on (1-based). Read a line at a time and cut with
    /// IndexOf: a 1.4-million-row roll must parse faster than PostgreSQL can store it.</returns>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var recordLine = lineNumber;
            if (line.Length == 0)
            {
                continue;
            }
            fields.Clear();
            var i = 0;
            while (true)
            {
                if (i < line.Length && line[i] == '"')
                {
                    field.Clear();
                    i++;
                    while (true)
                    {
                        var quote = line.IndexOf('"', i);
                        if (quote < 0)
                        {
                            // The field goes on after a line break (an unterminated quote takes the rest of the file).
                            field.Append(line, i, line.Length - i);
                            var next = reader.ReadLine();
                            if (next is null)
                            {
                                i = line.Length;
                                break;
                            }
                            field.Append('\n');
                            line = next;
                            lineNumber++;
                            i = 0;
                            continue;
                        }
                        field.Append(line, i, quote - i);
                        if (quote + 1 < line.Length && line[quote + 1] == '"')
                        {
                            field.Append('"');
                            i = quote + 2;
                            continue;
                        }
                        i = quote + 1;
                        break;
                    }
                    // Text after the closing quote, up to the next comma, belongs to the same field.
                    var end = line.IndexOf(',', i);
                    field.Append(line, i, (end < 0 ? line.Length : end) - i);
                    fields.Add(field.ToString());
                    if (end < 0)
                    {
                        break;
                    }
                    i = end + 1;
                }
                else
                {
                    var comma = line.IndexOf(',', i);
                    if (comma < 0)
                    {
                        fields.Add(line[i..]);
                        break;
                    }
                    fields.Add(line[i..comma]);
                    i = comma + 1;
                }
            }
            yield return (recordLine, [.. fields]);
        }
    }
}
