using Microsoft.Extensions.Hosting;
using PdfSharp.Fonts;

namespace Assemblee.Common.Pdf;

/// <summary>
/// PDFsharp finds no fonts by itself outside Windows; this gives it DejaVu Sans from the system's font folder (Debian's
/// fonts-dejavu-core, which the prerequisites install and the container image carries). The folder is configurable
/// (Pdf:FontDirectory). Shared by the services that write PDFs (compensation statements, published documents).
/// </summary>
public sealed class SystemFontResolver(string directory) : IFontResolver
{
    public const string Family = "DejaVu Sans";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(directory, faceName + ".ttf"));
}

public static class PdfExtensions
{
    /// <summary>Gives PDFsharp its one process-wide font resolver.</summary>
    public static void AddPdfFonts(this IHostApplicationBuilder builder) =>
        GlobalFontSettings.FontResolver ??= new SystemFontResolver(
            builder.Configuration["Pdf:FontDirectory"] ?? "/usr/share/fonts/truetype/dejavu");
}
