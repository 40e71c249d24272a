using System.Text;

namespace Assemblee.Sortition.Domain.Tests;

/// <summary>How a source list is read: character sets, refused lines, and nothing kept after the first bad one.</summary>
public sealed class SourceListReaderTests
{
    private const string Header = "id,family_name,given_name,birth_date,sex,address,postcode\n";

    private static readonly DrawSpecification Specification = new(
        "Essai", 2, [new SeatGroup("electoral-list", 2, "electoral", 4, 18, 120)],
        [new CategorySpecification("gender", [new QuotaRange("female", 0, 2), new QuotaRange("male", 0, 2)])],
        [new AgeClass("18+", 18, 120)], ["arrondissement"], false, 2, new DateOnly(2026, 11, 1),
        new DateTimeOffset(2027, 1, 31, 18, 0, 0, TimeSpan.Zero), new DateOnly(2027, 6, 30));

    [Theory]
    [InlineData(null, "utf-8")]
    [InlineData("text/csv", "utf-8")]
    [InlineData("text/csv; charset=windows-1252", "windows-1252")]
    [InlineData("text/csv; charset=\"ISO-8859-1\"", "iso-8859-1")]
    [InlineData("text/csv;charset=iso-8859-15", "iso-8859-15")]
    public void A_declared_charset_is_honoured_and_none_means_UTF_8(string? contentType, string expected)
    {
        Assert.Equal(expected, ListEncodings.FromContentType(contentType)?.Name);
    }

    [Fact]
    public void Windows_1252_reads_the_oe_ligature_that_Latin_1_lacks_and_an_unknown_charset_is_refused()
    {
        var windows = ListEncodings.FromContentType("text/csv; charset=windows-1252")!.Value.Encoding;

        Assert.Equal("Cœur", windows.GetString([0x43, 0x9C, 0x75, 0x72]));
        Assert.Null(ListEncodings.FromContentType("text/csv; charset=shift_jis"));
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_refuse_their_line_and_nothing_is_kept_after_the_first_bad_line()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header
            + "E1,Durand,Jean,1980-01-02,M,1 rue A,75011\nE2,Lefèvre,Zoé,1981-03-04,F,2 rue B,75012\n");
        var sent = new List<int>();

        var verdict = Read(latin1, checkUtf8: true, sent);

        Assert.True(verdict.Refused);
        Assert.Equal(["line 3: not valid UTF-8"], verdict.Errors.Select(error => error[..23]));
        Assert.Equal([2], sent);
    }

    [Fact]
    public void Every_bad_line_is_listed_with_its_reason_and_ids_seen_twice_are_refused()
    {
        var csv = Header
            + "E1,Durand,Jean,1980-01-02,M,1 rue A,75011\n"
            + "E2,,Zoé,1981-03-04,F,2 rue B,75012\n"
            + "E1,Durand,Jean,1980-01-02,M,1 rue A,75011\n"
            + "E3,Martin,Léa,1990-02-30,F,3 rue C,75013\n";

        var verdict = Read(Encoding.UTF8.GetBytes(csv), checkUtf8: true, []);

        Assert.Equal(3, verdict.ErrorCount);
        Assert.StartsWith("line 3: family_name", verdict.Errors[0], StringComparison.Ordinal);
        Assert.Equal("line 4: this id appears earlier in the file", verdict.Errors[1]);
        Assert.StartsWith("line 5: birth_date '1990-02-30'", verdict.Errors[2], StringComparison.Ordinal);
        // The same lines by rule, for a screen in another language: the number, the code and what the words quote.
        Assert.Equal([(3, "name-length"), (4, "repeated-id"), (5, "birth-date")],
            verdict.RefusedLines.Select(refused => (refused.Line, refused.Code)));
        Assert.Equal(["1990-02-30"], verdict.RefusedLines[2].Arguments);
    }

    [Fact]
    public void A_good_list_sends_every_row_with_its_line()
    {
        var csv = Header + string.Concat(Enumerable.Range(1, 2500).Select(i
            => $"E{i},Nom,Prénom,1980-01-02,M,\"{i} rue A, bât. B\",75011\n"));
        var sent = new List<int>();

        var verdict = Read(Encoding.UTF8.GetBytes(csv), checkUtf8: true, sent);

        Assert.False(verdict.Refused);
        Assert.Equal(2500, verdict.Rows);
        Assert.Equal(Enumerable.Range(2, 2500), sent);
    }

    [Fact]
    public void A_quote_left_open_refuses_the_list_at_its_line_instead_of_reading_the_rest_as_one_field()
    {
        var csv = Header + "E1,Durand,Jean,1980-01-02,M,\"1 rue A,75011\n"
            + string.Concat(Enumerable.Range(2, 200).Select(i => $"E{i},Nom,Prénom,1980-01-02,M,{i} rue A,75011\n"));

        var verdict = Read(Encoding.UTF8.GetBytes(csv), checkUtf8: true, [], maxRecordBytes: 2048);

        Assert.Equal(["line 2: a record longer than 2,048 bytes (is a quote left open?)"], verdict.Errors);
    }

    private static SourceListVerdict Read(byte[] list, bool checkUtf8, List<int> sent, int maxRecordBytes = 64 << 20)
    {
        var strata = new InvitationStrata(Specification, "electoral");
        var reader = new SourceListReader(strata, new DateOnly(2026, 11, 30), checkUtf8, maxRecordBytes);
        return reader.Read(new MemoryStream(list), new Lines(sent));
    }

    private sealed class Lines(List<int> sent) : ISourceListSink
    {
        public void Add(int line, in SourceListRow row) => sent.Add(line);
    }
}
