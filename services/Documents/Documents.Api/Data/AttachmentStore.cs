using Assemblee.Common.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Data;

/// <summary>Attached files, in PostgreSQL beside their document (they are few and small; backups keep them together).</summary>
public sealed class AttachmentStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, document_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at";

    public static async Task InsertAsync(NpgsqlTransaction transaction, Attachment attachment, byte[] content,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO attachments ({Columns}, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", transaction.Connection,
            transaction);
        await insert.With(attachment.Id, attachment.DocumentId, attachment.FileName, attachment.ContentType, attachment.Size,
            attachment.Sha256, attachment.UploadedBy, attachment.UploadedAt, content).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Attachment>> ListAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM attachments WHERE document_id = $1 ORDER BY uploaded_at");
        await using var reader = await command.With(documentId).ExecuteReaderAsync(cancellationToken);
        var attachments = new List<Attachment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attachments.Add(Read(reader));
        }
        return attachments;
    }

    public async Task<(Attachment Attachment, byte[] Content)?> FindAsync(Guid documentId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns}, content FROM attachments WHERE document_id = $1 AND id = $2");
        await using var reader = await command.With(documentId, id).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), reader.GetFieldValue<byte[]>(8)) : null;
    }

    private static Attachment Read(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
        reader.GetString(3), reader.GetInt64(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
}
