using Assemblee.Common.Pdf;
using Markdig;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Assemblee.Documents.Domain;

/// <summary>
/// A published text as an A4 PDF, laid out from its canonical Markdown (<see cref="Publishing.Markdown"/>): the title, each
/// section's heading and text (reduced to plain text, wrapped to the page, on as many pages as it takes), and on every page the
/// fingerprint that identifies the published text.
/// </summary>
public static class PublishedPdf
{
    private const double Margin = 56;
    private const double Bottom = 780;

    public static byte[] Write(Publication publication)
    {
        using var document = new PdfDocument();
        document.Info.Title = publication.Title;
        var title = new XFont(SystemFontResolver.Family, 15, XFontStyleEx.Bold);
        var heading = new XFont(SystemFontResolver.Family, 12, XFontStyleEx.Bold);
        var text = new XFont(SystemFontResolver.Family, 10);
        var small = new XFont(SystemFontResolver.Family, 8);
        PdfPage? page = null;
        XGraphics? graphics = null;
        double y = 0;
        void NewPage()
        {
            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            graphics.DrawString($"SHA-256 {publication.Fingerprint}", small, XBrushes.Black, Margin, 815);
            y = Margin;
        }
        void Write(string paragraph, XFont font, double after)
        {
            foreach (var line in TextLayout.Wrap(graphics!, paragraph, font, 595 - 2 * Margin))
            {
                if (y + font.Height > Bottom)
                {
                    NewPage();
                }
                y += font.Height;
                graphics!.DrawString(line, font, XBrushes.Black, Margin, y);
            }
            y += after;
        }
        NewPage();
        Write(publication.Title, title, 14);
        // The canonical text's first block is the title; "## " opens each section.
        foreach (var block in publication.Markdown.Split("\n\n").Skip(1))
        {
            if (block.StartsWith("## ", StringComparison.Ordinal))
            {
                y += 8;
                Write(block[3..].Trim(), heading, 4);
                continue;
            }
            foreach (var paragraph in Markdown.ToPlainText(block).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Write(paragraph, text, 6);
            }
        }
        graphics?.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
