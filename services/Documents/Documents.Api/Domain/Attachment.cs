using System.Security.Cryptography;
using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain;

/// <summary>A file attached to a document, kept with its SHA-256.</summary>
public sealed record Attachment(Guid Id, Guid DocumentId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy,
    DateTimeOffset UploadedAt);

/// <summary>
/// What may be attached: documents and images of the kinds the city's offices exchange, named plainly, whose first bytes
/// match the type they claim (a file that lies about its type is refused rather than served to a reader's browser).
/// </summary>
public static class Attachments
{
    private static readonly Dictionary<string, byte[]?> Types = new()
    {
        ["application/pdf"] = "%PDF"u8.ToArray(),
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["text/csv"] = null,
        ["application/vnd.oasis.opendocument.text"] = "PK"u8.ToArray(),
        ["application/vnd.oasis.opendocument.spreadsheet"] = "PK"u8.ToArray(),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "PK"u8.ToArray(),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "PK"u8.ToArray(),
    };

    public static Attachment Describe(Guid documentId, string? fileName, string? contentType, byte[] content, string uploadedBy,
        DateTimeOffset now)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (!Types.TryGetValue(type, out var signature))
        {
            throw RuleViolation.Unprocessable("type-not-accepted", "Type not accepted", $"Attach one of: {string.Join(", ", Types.Keys)}.");
        }
        if (signature is not null && !content.AsSpan().StartsWith(signature))
        {
            throw RuleViolation.Unprocessable("content-not-its-type", "Content does not match its type", $"The file is not a {type} file.");
        }
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200 || fileName.IndexOfAny(['/', '\\', '"', '\r', '\n']) >= 0)
        {
            throw RuleViolation.Unprocessable("bad-file-name", "Bad file name",
                "A file name of 1 to 200 characters, without slashes or quotes.");
        }
        if (content.Length == 0)
        {
            throw RuleViolation.Unprocessable("empty-file", "Empty file", "The file has no content.");
        }
        return new Attachment(Guid.NewGuid(), documentId, fileName.Trim(), type, content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content)), uploadedBy, now);
    }
}
