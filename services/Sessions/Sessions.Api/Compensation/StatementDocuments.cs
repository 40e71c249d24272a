using System.Globalization;
using System.Text;
using Assemblee.Common.Pdf;
using Assemblee.Common.Text;
using Assemblee.Sessions.Domain;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Assemblee.Sessions.Compensation;

/// <summary>Approved statements as the city's payment department takes them (CSV) and as a member keeps them (PDF).</summary>
public static class StatementDocuments
{
    /// <summary>
    /// One row per approved statement, amounts with a point and two decimals. Every value is an id, an ISO date, a number or a
    /// fixed word, so nothing needs quoting; the payment department joins member ids with membership's records.
    /// </summary>
    public static string Csv(IEnumerable<Statement> statements)
    {
        var csv = new StringBuilder("statement_id,member_id,month,lines,total_eur,approved_at\r\n");
        foreach (var statement in statements.Where(s => s.State == StatementStates.Approved))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{statement.Id},{statement.MemberId},{statement.Month:yyyy-MM},")
                .Append(CultureInfo.InvariantCulture, $"{statement.Lines.Count},{statement.Total:0.00},")
                .Append(CultureInfo.InvariantCulture, $"{statement.ApprovedAt:yyyy-MM-ddTHH:mm:ssZ}\r\n");
        }
        return csv.ToString();
    }

    public static string Euros(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',') + " €";

    public static string MonthName(DateOnly month) => $"{Dates.MonthName(month.Month)} {month.Year}";

    /// <summary>
    /// A one-page A4 statement: who, which month, each session (or adjustment) with its basis and amount, the total. A page holds
    /// 35 lines, more than the sessions of any month.
    /// </summary>
    public static byte[] Pdf(Statement statement)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Relevé d'indemnisation — {MonthName(statement.Month)}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(SystemFontResolver.Family, 16, XFontStyleEx.Bold);
            var text = new XFont(SystemFontResolver.Family, 10);
            var bold = new XFont(SystemFontResolver.Family, 10, XFontStyleEx.Bold);
            double y = 60;
            void Line(string value, XFont font, double x = 50)
            {
                graphics.DrawString(value, font, XBrushes.Black, x, y);
            }
            Line(document.Info.Title, title);
            y += 28;
            Line($"Instance : {statement.BodyId}", text);
            y += 16;
            Line($"Membre : {statement.MemberId}", text);
            y += 16;
            Line($"Approuvé le {statement.ApprovedAt:dd/MM/yyyy} par {statement.ApprovedBy}", text);
            y += 30;
            foreach (var (header, x) in new[] { ("Date", 50.0), ("Séance", 120.0), ("Base", 330.0), ("Montant", 480.0) })
            {
                Line(header, bold, x);
            }
            foreach (var line in statement.Lines)
            {
                y += 18;
                Line($"{line.Date:dd/MM/yyyy}", text);
                Line(Shorten((line.Adjustment ? "Régularisation : " : "") + line.Title, 40), text, 120);
                Line(line.Unit == RateUnits.Session ? $"{line.Quantity} séance × {Euros(line.Rate)}"
                    : $"{line.Quantity} demi-journée(s) × {Euros(line.Rate)}", text, 330);
                Line(Euros(line.Amount), text, 480);
            }
            y += 30;
            Line($"Total : {Euros(statement.Total)}", title);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
