using PdfSharp.Fonts;

namespace Assemblee.Sessions.Compensation;

/// <summary>
/// PDFsharp finds no fonts by itself outside Windows; this gives it DejaVu Sans from the system's font folder (Debian's
/// fonts-dejavu-core, which the prerequisites install and the container image carries). The folder is configurable.
/// </summary>
public sealed class SystemFontResolver(string directory) : IFontResolver
{
    public const string Family = "DejaVu Sans";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(directory, faceName + ".ttf"));
}
