using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Data;

/// <summary>A decision or change in a document's history.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, JsonElement Detail);

/// <summary>Documents, their versions, co-authors and history.</summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns =
        "id, body_id, promotion_id, atelier_id, session_id, kind, state, version, title, sections::text, updated_at";

    /// <summary>The same columns without the text, for lists: its sections come back empty.</summary>
    private const string Outline = "id, body_id, promotion_id, atelier_id, session_id, kind, state, version, title, '[]', updated_at";

    /// <param name="drawId">The draw whose procès-verbal this is; null for every other document.</param>
    public static async Task InsertAsync(NpgsqlTransaction transaction, Document document, string author,
        CancellationToken cancellationToken, Guid? drawId = null)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO documents (id, body_id, promotion_id, atelier_id, session_id, kind, state, version, title, sections, created_by,
                created_at, updated_at, draw_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $12, $13)
            """, transaction.Connection, transaction);
        await insert.With(document.Id, document.BodyId, document.PromotionId, document.AtelierId, document.SessionId, document.Kind,
            document.State, document.Version, document.Title, JsonSerializer.Serialize(document.Sections, Json), author,
            document.UpdatedAt, drawId).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The procès-verbal of a body's draw, locked until the transaction ends; null before it is first published.</summary>
    public static async Task<Document?> LockDrawRecordAsync(NpgsqlTransaction transaction, string bodyId, Guid drawId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM documents WHERE body_id = $1 AND draw_id = $2 FOR UPDATE",
            transaction.Connection, transaction);
        return await ReadAsync(command.With(bodyId, drawId), cancellationToken);
    }

    public async Task<Document?> FindAsync(string bodyId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM documents WHERE body_id = $1 AND id = $2");
        return await ReadAsync(command.With(bodyId, id), cancellationToken);
    }

    /// <summary>The body's document, locked until the transaction ends: saves of one document take turns.</summary>
    public static async Task<Document?> LockAsync(NpgsqlTransaction transaction, string bodyId, Guid id,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM documents WHERE body_id = $1 AND id = $2 FOR UPDATE",
            transaction.Connection, transaction);
        return await ReadAsync(command.With(bodyId, id), cancellationToken);
    }

    /// <summary>Writes the document as of its new version and keeps that version.</summary>
    public static async Task SaveVersionAsync(NpgsqlTransaction transaction, Document document, string author, string? summary,
        CancellationToken cancellationToken)
    {
        await using (var update = new NpgsqlCommand(
            "UPDATE documents SET version = $2, title = $3, sections = $4::jsonb, updated_at = $5, state = $6 WHERE id = $1",
            transaction.Connection, transaction))
        {
            await update.With(document.Id, document.Version, document.Title, JsonSerializer.Serialize(document.Sections, Json),
                document.UpdatedAt, document.State).ExecuteNonQueryAsync(cancellationToken);
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO document_versions (document_id, number, title, sections, author, saved_at, summary)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
            """, transaction.Connection, transaction);
        await insert.With(document.Id, document.Version, document.Title, JsonSerializer.Serialize(document.Sections, Json), author,
            document.UpdatedAt, summary).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SetStateAsync(NpgsqlTransaction transaction, Guid id, string state, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE documents SET state = $2 WHERE id = $1", transaction.Connection, transaction);
        await update.With(id, state).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The body's documents without their text, the latest changed first.</summary>
    public async Task<IReadOnlyList<Document>> ListAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Outline} FROM documents WHERE body_id = $1 ORDER BY updated_at DESC");
        await using var reader = await command.With(bodyId).ExecuteReaderAsync(cancellationToken);
        var documents = new List<Document>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(Read(reader));
        }
        return documents;
    }

    /// <summary>The body's documents of which <paramref name="subject"/> was made co-author.</summary>
    public async Task<IReadOnlySet<Guid>> CoAuthoredAsync(string bodyId, string subject, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.document_id FROM co_authors c JOIN documents d ON d.id = c.document_id WHERE d.body_id = $1 AND c.subject = $2
            """);
        await using var reader = await command.With(bodyId, subject).ExecuteReaderAsync(cancellationToken);
        var documents = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(reader.GetGuid(0));
        }
        return documents;
    }

    public async Task<IReadOnlyList<DocumentVersion>> VersionsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT number, title, sections::text, author, saved_at, summary FROM document_versions WHERE document_id = $1 ORDER BY number
            """);
        await using var reader = await command.With(id).ExecuteReaderAsync(cancellationToken);
        var versions = new List<DocumentVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new DocumentVersion(reader.GetInt32(0), reader.GetString(1),
                JsonSerializer.Deserialize<List<Section>>(reader.GetString(2), Json)!, reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.NullableString(5)));
        }
        return versions;
    }

    public async Task<bool> IsCoAuthorAsync(Guid id, string subject, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM co_authors WHERE document_id = $1 AND subject = $2)");
        return (bool)(await command.With(id, subject).ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task GrantAsync(NpgsqlTransaction transaction, Guid id, string subject, string role, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO co_authors (document_id, subject, role, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (document_id, subject) DO UPDATE SET role = $3, granted_by = $4, granted_at = $5
            """, transaction.Connection, transaction);
        await upsert.With(id, subject, role, actor, now).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task AddHistoryAsync(NpgsqlTransaction transaction, Guid id, string actor, string action, object detail,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO document_history (document_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
            transaction.Connection, transaction);
        await insert.With(id, now, actor, action, JsonSerializer.Serialize(detail, Json)).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT at, actor, action, detail::text FROM document_history WHERE document_id = $1 ORDER BY id");
        await using var reader = await command.With(id).ExecuteReaderAsync(cancellationToken);
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HistoryEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2),
                JsonDocument.Parse(reader.GetString(3)).RootElement.Clone()));
        }
        return entries;
    }

    private static async Task<Document?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Document Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.Nullable<Guid>(2), reader.Nullable<Guid>(3),
            reader.Nullable<Guid>(4), reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetString(8),
            JsonSerializer.Deserialize<List<Section>>(reader.GetString(9), Json)!, reader.GetFieldValue<DateTimeOffset>(10));
}
