using Assemblee.Common.Pdf;
using Assemblee.Notifications.Domain;
using PdfSharp.Fonts;
using PdfSharp.Pdf.IO;

namespace Assemblee.Notifications.Domain.Tests;

public sealed class LetterTests
{
    static LetterTests() => GlobalFontSettings.FontResolver ??= new SystemFontResolver("/usr/share/fonts/truetype/dejavu");

    private static Letter Invitation(string code, string body = "Madame, Monsieur,\n\nPremier paragraphe\nsur deux lignes.") => new(
        "fr", "Ville de Paris", ["Camille Martin", "3 rue de Test", "75011 PARIS"], new DateOnly(2026, 12, 1), "Invitation", body, code,
        "https://assemblee.paris.fr/repondre");

    [Fact]
    public void The_QR_code_opens_the_answer_page_with_the_code_filled_in()
    {
        Assert.Equal("https://assemblee.paris.fr/repondre?code=K7QF-2M9X", Invitation("K7QF-2M9X").QrPayload);
        Assert.Equal("https://x.example/r?lang=fr&code=A%20B", (Invitation("A B") with { ResponseUrl = "https://x.example/r?lang=fr" })
            .QrPayload);
        Assert.Null((Invitation("A") with { Code = null }).QrPayload);
    }

    [Fact]
    public void Blank_lines_separate_paragraphs_and_single_breaks_are_spaces()
    {
        Assert.Equal(["Madame, Monsieur,", "Premier paragraphe sur deux lignes."], Invitation("A").Paragraphs);
    }

    [Fact]
    public void A_batch_has_one_page_per_short_letter_and_a_long_letter_takes_more()
    {
        var longBody = string.Join("\n\n", Enumerable.Repeat(string.Join(' ', Enumerable.Repeat("paragraphe", 80)), 12));

        var batch = LetterPdf.Write([Invitation("CODE-1"), Invitation("CODE-2"), Invitation("CODE-3", longBody)], "Batch");

        using var document = PdfReader.Open(new MemoryStream(batch), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 4, $"{document.PageCount} pages");
        Assert.Equal("Batch", document.Info.Title);
    }

    [Theory]
    [InlineData(false, "fr", new[] { "Camille Martin", "3 rue de Test", "75011 PARIS" })]
    [InlineData(true, "fr", new[] { "Aux parents ou représentants légaux de", "Camille Martin", "3 rue de Test", "75011 PARIS" })]
    [InlineData(true, "en", new[] { "To the parents or guardians of", "Camille Martin", "3 rue de Test", "75011 PARIS" })]
    public void A_consent_request_is_addressed_to_the_minors_parents_at_the_minors_address(bool toGuardians, string language,
        string[] lines)
    {
        var envelope = Letter.Envelope("Camille", "Martin", toGuardians, language, "3 rue de Test", "75011");

        Assert.Equal(lines, envelope);
        Assert.All(envelope, line => Assert.True(line.Length <= 38, $"'{line}' is longer than an envelope window's line"));
    }
}
