using Assemblee.Common.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Assemblee.Notifications.Domain;

/// <summary>
/// Letters as A4 pages for a windowed envelope (the address where a C5/DL window shows it): the sender, the address, the date,
/// the subject, the wording, and for an invitation its response code in large type beside the same code as a QR code. One
/// letter gives a PDF of its own; a batch gives the print shop one file, every letter starting on a new sheet.
/// </summary>
public static class LetterPdf
{
    private const double Margin = 56;
    private const double Width = 595 - 2 * Margin;
    private const double BodyBottom = 640;

    /// <summary>Where the window of a C5/DL envelope shows the address, and how wide it is.</summary>
    private const double AddressLeft = 320;
    private const double AddressWidth = 595 - AddressLeft - Margin;
    private const double QrSize = 96;

    public static byte[] Write(IEnumerable<Letter> letters, string title)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        var fonts = new Fonts();
        foreach (var letter in letters)
        {
            Add(document, letter, fonts);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private sealed class Fonts
    {
        public XFont Sender { get; } = new(SystemFontResolver.Family, 11, XFontStyleEx.Bold);
        public XFont Text { get; } = new(SystemFontResolver.Family, 10);
        public XFont Subject { get; } = new(SystemFontResolver.Family, 10, XFontStyleEx.Bold);
        public XFont Code { get; } = new(SystemFontResolver.Family, 18, XFontStyleEx.Bold);
    }

    private static void Add(PdfDocument document, Letter letter, Fonts fonts)
    {
        var page = NewPage(document);
        var graphics = XGraphics.FromPdfPage(page);
        try
        {
            graphics.DrawString(letter.Sender, fonts.Sender, XBrushes.Black, Margin, 60);
            var y = 150.0;
            // A line too long for the envelope's window wraps inside it rather than running off the page.
            foreach (var line in letter.AddressLines.SelectMany(line => TextLayout.Wrap(graphics, line, fonts.Text, AddressWidth)))
            {
                graphics.DrawString(line, fonts.Text, XBrushes.Black, AddressLeft, y);
                y += fonts.Text.Height;
            }
            graphics.DrawString(letter.DateLine, fonts.Text, XBrushes.Black, AddressLeft, 250);
            y = 290;
            foreach (var line in TextLayout.Wrap(graphics, letter.Subject, fonts.Subject, Width))
            {
                graphics.DrawString(line, fonts.Subject, XBrushes.Black, Margin, y);
                y += fonts.Subject.Height;
            }
            y += 10;
            foreach (var paragraph in letter.Paragraphs)
            {
                foreach (var line in TextLayout.Wrap(graphics, paragraph, fonts.Text, Width))
                {
                    if (y > BodyBottom)
                    {
                        graphics.Dispose();
                        graphics = XGraphics.FromPdfPage(NewPage(document));
                        y = Margin;
                    }
                    graphics.DrawString(line, fonts.Text, XBrushes.Black, Margin, y);
                    y += fonts.Text.Height;
                }
                y += 6;
            }
            if (letter.Code is { } code && letter.QrPayload is { } payload)
            {
                DrawQrCode(graphics, payload, Margin, 680);
                graphics.DrawString(letter.CodeLabel, fonts.Text, XBrushes.Black, Margin + QrSize + 20, 710);
                graphics.DrawString(code, fonts.Code, XBrushes.Black, Margin + QrSize + 20, 736);
                graphics.DrawString(letter.ResponseUrl!, fonts.Text, XBrushes.Black, Margin + QrSize + 20, 758);
            }
        }
        finally
        {
            graphics.Dispose();
        }
    }

    private static PdfPage NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        return page;
    }

    /// <summary>The QR code as vector squares (one rectangle per run of dark modules): sharp at any print resolution.</summary>
    private static void DrawQrCode(XGraphics graphics, string payload, double x, double y)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = QrSize / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            var column = 0;
            while (column < matrix.Count)
            {
                if (!matrix[row][column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < matrix.Count && matrix[row][column])
                {
                    column++;
                }
                // A hair wider than the module so that adjacent runs leave no white seam when rasterised.
                graphics.DrawRectangle(XBrushes.Black, x + start * module, y + row * module, (column - start) * module + 0.05,
                    module + 0.05);
            }
        }
    }
}
