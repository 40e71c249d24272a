using Assemblee.Common.Data;
using Assemblee.Documents.Domain;
using Npgsql;

namespace Assemblee.Documents.Data;

/// <summary>Amendments to documents and their decisions.</summary>
public sealed class AmendmentStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, document_id, number, section, operation, heading, text, base_text, base_version, author, "
        + "motivation, state, proposed_at, decided_by, vote_id, resulting_version";

    /// <summary>Adds the amendment with the document's next number (the document is locked by the caller).</summary>
    public static async Task<Amendment> InsertAsync(NpgsqlTransaction transaction, Amendment amendment, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO amendments (id, document_id, number, section, operation, heading, text, base_text, base_version, author, motivation,
                state, proposed_at)
            SELECT $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM amendments WHERE document_id = $2
            RETURNING number
            """, transaction.Connection, transaction);
        var number = (int)(await insert.With(amendment.Id, amendment.DocumentId, amendment.Section, amendment.Operation, amendment.Heading,
            amendment.Text, amendment.BaseText, amendment.BaseVersion, amendment.Author, amendment.Motivation, amendment.State,
            amendment.ProposedAt).ExecuteScalarAsync(cancellationToken))!;
        return amendment with { Number = number };
    }

    public static async Task<Amendment?> FindAsync(NpgsqlTransaction transaction, Guid documentId, Guid id,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM amendments WHERE document_id = $1 AND id = $2",
            transaction.Connection, transaction);
        return (await ReadAsync(command.With(documentId, id), cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Amendment>> ListAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM amendments WHERE document_id = $1 ORDER BY number");
        return await ReadAsync(command.With(documentId), cancellationToken);
    }

    public static async Task DecideAsync(NpgsqlTransaction transaction, Amendment amendment, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE amendments SET state = $2, decided_by = $3, vote_id = $4, decided_at = $5, resulting_version = $6 WHERE id = $1
            """, transaction.Connection, transaction);
        await update.With(amendment.Id, amendment.State, amendment.DecidedBy, amendment.VoteId, now, amendment.ResultingVersion)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Amendment>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var amendments = new List<Amendment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            amendments.Add(new Amendment(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
                reader.NullableString(5), reader.NullableString(6), reader.GetString(7), reader.GetInt32(8), reader.GetString(9),
                reader.GetString(10), reader.GetString(11), reader.GetFieldValue<DateTimeOffset>(12), reader.NullableString(13),
                reader.Nullable<Guid>(14), reader.Nullable<int>(15)));
        }
        return amendments;
    }
}
