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
    /// <returns>Each record with the line it starts on (1-based).</returns>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        yield return (recordLine, [.. fields]);
                    }
                    fields.Clear();
                    line++;
                    recordLine = line;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                yield return (recordLine, [.. fields]);
            }
        }
    }
}
