using PdfSharp.Drawing;

namespace Assemblee.Common.Pdf;

/// <summary>PDFsharp draws single lines only; paragraphs are laid out here (published texts, letters).</summary>
public static class TextLayout
{
    /// <summary>Words laid out in lines no wider than <paramref name="width"/>.</summary>
    public static IEnumerable<string> Wrap(XGraphics graphics, string paragraph, XFont font, double width)
    {
        var line = "";
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
