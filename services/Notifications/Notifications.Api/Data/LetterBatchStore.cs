using Assemblee.Common.Data;
using Npgsql;

namespace Assemblee.Notifications.Data;

/// <summary>A campaign's print-ready file and what became of it: printed, then posted (by whom, when).</summary>
public sealed record LetterBatch(
    Guid CampaignId, int Letters, int Bytes, DateTimeOffset RenderedAt, DateTimeOffset? PrintedAt, string? PrintedBy,
    DateTimeOffset? PostedAt, string? PostedBy);

public sealed class LetterBatchStore(NpgsqlDataSource dataSource)
{
    /// <summary>Keeps the file; a second rendering of the same campaign (after a restart) replaces the first.</summary>
    public static async Task SaveAsync(NpgsqlTransaction transaction, Guid campaignId, int letters, byte[] file,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO letter_batches (campaign_id, letters, file, rendered_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (campaign_id) DO UPDATE SET letters = excluded.letters, file = excluded.file, rendered_at = excluded.rendered_at
            """, transaction.Connection, transaction);
        await command.With(campaignId, letters, file).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LetterBatch?> FindAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT campaign_id, letters, coalesce(length(file), 0), rendered_at, printed_at, printed_by, posted_at, posted_by
            FROM letter_batches WHERE campaign_id = $1
            """);
        return (await command.With(campaignId).ListAsync(Read, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The file; null when there is none or it was erased.</summary>
    public async Task<byte[]?> FileAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT file FROM letter_batches WHERE campaign_id = $1 AND file IS NOT NULL");
        return (await command.With(campaignId).ListAsync(reader => reader.GetFieldValue<byte[]>(0), cancellationToken))
            .SingleOrDefault();
    }

    public static async Task<bool> MarkPrintedAsync(NpgsqlTransaction transaction, Guid campaignId, string actor,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE letter_batches SET printed_at = now(), printed_by = $2 WHERE campaign_id = $1 AND printed_at IS NULL",
            transaction.Connection, transaction);
        return await command.With(campaignId, actor).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> MarkPostedAsync(NpgsqlTransaction transaction, Guid campaignId, string actor,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE letter_batches SET posted_at = now(), posted_by = $2
            WHERE campaign_id = $1 AND printed_at IS NOT NULL AND posted_at IS NULL
            """, transaction.Connection, transaction);
        return await command.With(campaignId, actor).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static LetterBatch Read(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2),
        reader.GetFieldValue<DateTimeOffset>(3), reader.Nullable<DateTimeOffset>(4), reader.NullableString(5),
        reader.Nullable<DateTimeOffset>(6), reader.NullableString(7));
}
