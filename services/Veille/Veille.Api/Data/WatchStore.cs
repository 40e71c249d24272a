using Assemblee.Common.Data;
using Assemblee.Veille.Domain;
using Npgsql;

namespace Assemblee.Veille.Data;

/// <summary>What bodies follow, the alerts they were raised, and their notes on items.</summary>
public sealed class WatchStore(NpgsqlDataSource dataSource)
{
    public async Task FollowAsync(Follow follow, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO follows (body_id, target_kind, target, followed_by, followed_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING
            """);
        await insert.With(follow.BodyId, follow.TargetKind, follow.Target, actor, now).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>False when the body did not follow it.</summary>
    public async Task<bool> UnfollowAsync(Follow follow, CancellationToken cancellationToken)
    {
        await using var delete = dataSource.CreateCommand("DELETE FROM follows WHERE body_id = $1 AND target_kind = $2 AND target = $3");
        return await delete.With(follow.BodyId, follow.TargetKind, follow.Target).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Follow>> FollowsAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT body_id, target_kind, target FROM follows WHERE body_id = $1 ORDER BY target_kind, target");
        return await ReadFollowsAsync(command.With(bodyId), cancellationToken);
    }

    /// <summary>Every body's follows, for an import to find whom its changes concern.</summary>
    public static async Task<IReadOnlyList<Follow>> AllFollowsAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT body_id, target_kind, target FROM follows", transaction.Connection,
            transaction);
        return await ReadFollowsAsync(command, cancellationToken);
    }

    /// <summary>Keeps the alert; false when this body was alerted of this revision already.</summary>
    public static async Task<bool> RaiseAsync(NpgsqlTransaction transaction, string bodyId, AgendaItem item, IReadOnlyList<string> changes,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO alerts (body_id, item_id, revision, changes, raised_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction);
        return await insert.With(bodyId, item.Id, item.Revision, changes.ToArray(), now).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Alert>> AlertsAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, body_id, item_id, revision, changes, raised_at FROM alerts WHERE body_id = $1 ORDER BY id DESC LIMIT 500
            """);
        return await command.With(bodyId).ListAsync(reader => new Alert(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
            reader.GetInt32(3),
            reader.GetFieldValue<string[]>(4), reader.GetFieldValue<DateTimeOffset>(5)), cancellationToken);
    }

    public async Task WriteNoteAsync(Note note, string author, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO notes (id, body_id, item_id, kind, title, markdown, written_by, written_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        await insert.With(note.Id, note.BodyId, note.ItemId, note.Kind, note.Title, note.Markdown, author, note.WrittenAt)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Shares the body's note; false when the body has no such note.</summary>
    public async Task<bool> ShareNoteAsync(string bodyId, Guid noteId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE notes SET shared_at = coalesce(shared_at, $3) WHERE body_id = $1 AND id = $2");
        return await update.With(bodyId, noteId, now).ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>An item's notes: all of the body's own when <paramref name="bodyId"/> is given, and every body's shared ones.</summary>
    public async Task<IReadOnlyList<Note>> NotesAsync(string itemId, string? bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, body_id, item_id, kind, title, markdown, written_at, shared_at FROM notes
            WHERE item_id = $1 AND (shared_at IS NOT NULL OR body_id = $2) ORDER BY written_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)bodyId ?? DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text
        });
        return await command.ListAsync(reader => new Note(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
            reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.Nullable<DateTimeOffset>(7)), cancellationToken);
    }

    private static async Task<IReadOnlyList<Follow>> ReadFollowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        return await command.ListAsync(reader => new Follow(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
            cancellationToken);
    }
}
