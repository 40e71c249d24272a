using Assemblee.Common.Data;
using Assemblee.Documents.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Documents.Data;

/// <summary>Published texts, their latest publication per document, and French full-text search over them.</summary>
public sealed class PublicationStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "document_id, version, body_id, promotion_id, atelier_id, session_id, kind, title, markdown, fingerprint, published_at";

    /// <summary>The latest publication of each of the body's documents.</summary>
    private const string Latest =
        "SELECT DISTINCT ON (document_id) * FROM publications WHERE body_id = $1 ORDER BY document_id, version DESC";

    /// <summary>Keeps a publication; false when that version was published already.</summary>
    public static async Task<bool> InsertAsync(NpgsqlTransaction transaction, Publication publication, string actor,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO publications (document_id, version, body_id, promotion_id, atelier_id, session_id, kind, title, markdown,
                fingerprint, published_at, published_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction);
        return await insert.With(publication.DocumentId, publication.Version, publication.BodyId, publication.PromotionId,
            publication.AtelierId, publication.SessionId, publication.Kind, publication.Title, publication.Markdown,
            publication.Fingerprint, publication.PublishedAt, actor).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<Publication?> LatestAsync(string bodyId, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM publications WHERE body_id = $1 AND document_id = $2 ORDER BY version DESC LIMIT 1");
        return (await ReadAsync(command.With(bodyId, documentId), cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Publication>> ListAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM ({Latest}) p ORDER BY published_at DESC");
        return await ReadAsync(command.With(bodyId), cancellationToken);
    }

    /// <summary>The body's published texts matching the words (any inflection, accents folded), best first, with excerpts.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string bodyId, SearchQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT p.document_id, p.version, p.kind, p.title, ts_rank_cd(p.search, q) AS rank,
                ts_headline('french_unaccent', p.markdown, q, $6), p.published_at
            FROM ({Latest}) p, websearch_to_tsquery('french_unaccent', $2) q
            WHERE p.search @@ q AND ($3::text IS NULL OR p.kind = $3) AND ($4::uuid IS NULL OR p.promotion_id = $4)
                AND ($5::uuid IS NULL OR p.atelier_id = $5)
            ORDER BY rank DESC, p.published_at DESC LIMIT 50
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = bodyId });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Q });
        // Typed, so that PostgreSQL knows what a NULL filter is.
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)query.PromotionId ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Uuid,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.AtelierId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = $"StartSel={Publishing.MarkStart}, StopSel={Publishing.MarkEnd}, MaxFragments=2, MaxWords=30, MinWords=12",
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFloat(4),
                Publishing.ExcerptHtml(reader.GetString(5)), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return hits;
    }

    private static async Task<IReadOnlyList<Publication>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var publications = new List<Publication>();
        while (await reader.ReadAsync(cancellationToken))
        {
            publications.Add(new Publication(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.Nullable<Guid>(3),
                reader.Nullable<Guid>(4), reader.Nullable<Guid>(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }
        return publications;
    }
}
