using System.Net.Http.Headers;
using System.Text;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// The character sets a source list may come in. UTF-8 unless the request declares another (a city's exports are
/// often Windows-1252 or Latin-1); an undeclared file that is not valid UTF-8 is refused rather than stored with
/// U+FFFD in people's names, which would print garbled letters.
/// </summary>
public static class ListEncodings
{
    public const string Utf8 = "utf-8";

    private static readonly Dictionary<string, Func<Encoding>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [Utf8] = () => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        ["utf8"] = () => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        ["windows-1252"] = () => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
        ["cp1252"] = () => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
        ["iso-8859-1"] = () => Encoding.Latin1,
        ["latin1"] = () => Encoding.Latin1,
        ["iso-8859-15"] = () => CodePagesEncodingProvider.Instance.GetEncoding(28605)!,
    };

    public static IEnumerable<string> Supported => ["utf-8", "windows-1252", "iso-8859-1", "iso-8859-15"];

    /// <summary>The declared charset's name (lower case) and encoding; UTF-8 when none is declared; null when unsupported.</summary>
    public static (string Name, Encoding Encoding)? FromContentType(string? contentType)
    {
        var charset = contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.CharSet?.Trim('"')
            : null;
        if (string.IsNullOrEmpty(charset))
        {
            return (Utf8, Known[Utf8]());
        }
        return Known.TryGetValue(charset, out var encoding) ? (charset.ToLowerInvariant(), encoding()) : null;
    }
}
