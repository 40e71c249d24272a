using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain.Tests;

public sealed class AttachmentsTests
{
    private static Attachment Describe(string? name, string? type, byte[] content) =>
        Attachments.Describe(Guid.NewGuid(), name, type, content, "m", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_file_is_accepted_when_its_first_bytes_match_its_type_and_its_name_is_plain()
    {
        var pdf = Describe("annexe.pdf", "application/pdf; charset=binary", "%PDF-1.7"u8.ToArray());

        Assert.Equal(("application/pdf", 8L), (pdf.ContentType, pdf.Size));
        Assert.Equal(64, pdf.Sha256.Length);
        Assert.Equal("text/csv", Describe("a.csv", "text/csv", "a,b"u8.ToArray()).ContentType);
        Assert.Equal("content-not-its-type",
            Assert.Throws<RuleViolation>(() => Describe("x.png", "image/png", "%PDF"u8.ToArray())).Code);
        Assert.Equal("type-not-accepted", Assert.Throws<RuleViolation>(() => Describe("x.html", "text/html", "<p>"u8.ToArray())).Code);
        Assert.Equal("bad-file-name", Assert.Throws<RuleViolation>(() => Describe("../etc\\x", "text/csv", "a"u8.ToArray())).Code);
        Assert.Equal("empty-file", Assert.Throws<RuleViolation>(() => Describe("a.csv", "text/csv", [])).Code);
    }
}
