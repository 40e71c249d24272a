namespace Assemblee.Documents.Domain;

/// <summary>
/// A draw's procès-verbal as a document: sortition renders it in Markdown (a first-level title, then second-level parts);
/// documents keeps its title and one section per part, so that the published text reads as sortition's record.md does.
/// </summary>
public static class DrawRecords
{
    public const string Publisher = "sortition";

    public static DocumentText Read(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var title = lines.FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? "Procès-verbal";
        var sections = new List<Section>();
        string? heading = null;
        var text = new List<string>();
        foreach (var line in lines.SkipWhile(line => !line.StartsWith("# ", StringComparison.Ordinal)).Skip(1))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                heading = line[3..].Trim();
                continue;
            }
            text.Add(line);
        }
        Close();
        return new DocumentText(title, sections, "Procès-verbal du tirage");

        void Close()
        {
            var body = string.Join('\n', text).Trim('\n');
            if (heading is not null || body.Length > 0)
            {
                sections.Add(new Section(heading ?? "", body));
            }
            text.Clear();
        }
    }
}
