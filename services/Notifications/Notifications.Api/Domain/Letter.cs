namespace Assemblee.Notifications.Domain;

/// <summary>
/// One printed letter as the ledger keeps it until its content is erased: the recipient's postal lines, the wording its
/// template rendered, and, for an invitation, the code to answer with and the address the QR code opens.
/// </summary>
public sealed record Letter(
    string Language, string Sender, IReadOnlyList<string> AddressLines, DateOnly Date, string Subject, string Body, string? Code,
    string? ResponseUrl)
{
    /// <summary>What the QR code holds: the answer page with the code filled in, so a phone opens it ready to answer.</summary>
    public string? QrPayload => Code is null || ResponseUrl is null
        ? null
        : $"{ResponseUrl}{(ResponseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(Code)}";

    /// <summary>The body's paragraphs: blank lines separate them, single line breaks inside one are spaces.</summary>
    public IEnumerable<string> Paragraphs => Body.Replace("\r\n", "\n", StringComparison.Ordinal)
        .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(paragraph => string.Join(' ', paragraph.Split('\n', StringSplitOptions.TrimEntries)));

    public string DateLine => Language == Languages.English
        ? $"Paris, {Languages.LongDate(Date, Language)}"
        : $"Paris, le {Languages.LongDate(Date, Language)}";

    /// <summary>
    /// The envelope's lines: whom it is for (a member, or for a minor's consent their parents or guardians, on a line of its
    /// own: the window takes 38 characters a line), the street line, the postcode and the city.
    /// </summary>
    public static IReadOnlyList<string> Envelope(string givenName, string familyName, bool toGuardians, string language, string address,
        string postcode)
    {
        var name = $"{givenName} {familyName}".Trim();
        string[] to = !toGuardians ? [name]
            : language == Languages.English ? ["To the parents or guardians of", name]
            : ["Aux parents ou représentants légaux de", name];
        return [.. to, address, $"{postcode} PARIS"];
    }

    public string CodeLabel => Language == Languages.English ? "Your response code" : "Votre code de réponse";
}
