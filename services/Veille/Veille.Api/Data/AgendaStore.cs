using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Common.Rules;
using Assemblee.Veille.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Veille.Data;

/// <summary>The Council's meetings and agenda items.</summary>
public sealed class AgendaStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        i.id, i.meeting_id, i.number, i.reference, i.kind, i.title, i.commission, i.rapporteur, i.themes, i.papers::text, i.revision,
        i.updated_at, m.name, m.starts_at, m.ends_at
        """;

    private const string Joined = "agenda_items i JOIN council_meetings m ON m.id = i.meeting_id";

    /// <summary>
    /// The items that exist of these ids or of these meetings (whose scheduling an import may move), with their meeting as
    /// stored, locked until the transaction ends.
    /// </summary>
    public static async Task<Dictionary<string, ScheduledItem>> LockAsync(NpgsqlTransaction transaction, IReadOnlyList<string> ids,
        IReadOnlyList<string> meetingIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM {Joined} WHERE i.id = ANY($1) OR i.meeting_id = ANY($2) FOR UPDATE OF i",
            transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = meetingIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return (await ReadAsync(command, cancellationToken)).ToDictionary(item => item.Item.Id);
    }

    public static async Task SaveMeetingAsync(NpgsqlTransaction transaction, CouncilMeeting meeting, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO council_meetings (id, name, starts_at, ends_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET name = $2, starts_at = $3, ends_at = $4
            """, transaction.Connection, transaction);
        await upsert.With(meeting.Id, meeting.Name, meeting.StartsAt, meeting.EndsAt).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SaveItemAsync(NpgsqlTransaction transaction, AgendaItem item, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO agenda_items (id, meeting_id, number, reference, kind, title, commission, rapporteur, themes, papers, revision,
                updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
            ON CONFLICT (id) DO UPDATE SET meeting_id = $2, number = $3, reference = $4, kind = $5, title = $6, commission = $7,
                rapporteur = $8, themes = $9, papers = $10::jsonb, revision = $11, updated_at = $12
            """, transaction.Connection, transaction);
        await upsert.With(item.Id, item.MeetingId, item.Number, item.Reference, item.Kind, item.Title, item.Commission, item.Rapporteur,
            item.Themes.ToArray(), JsonSerializer.Serialize(item.Papers, Json), item.Revision, item.UpdatedAt)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ScheduledItem?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {Joined} WHERE i.id = $1");
        return (await ReadAsync(command.With(id), cancellationToken)).SingleOrDefault();
    }

    public async Task<ScheduledItem> RequireAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw RuleViolation.NotFound($"The Council's agenda has no item '{id}'.");

    /// <summary>Items in meeting order, filtered by meeting, commission (any case) and theme when given.</summary>
    public async Task<IReadOnlyList<ScheduledItem>> ListAsync(string? meetingId, string? commission, string? theme, DateTimeOffset? from,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM {Joined}
            WHERE ($1::text IS NULL OR i.meeting_id = $1) AND ($2::text IS NULL OR lower(i.commission) = lower($2))
                AND ($3::text IS NULL OR $3 = ANY (i.themes)) AND ($4::timestamptz IS NULL OR m.starts_at >= $4)
            ORDER BY m.starts_at, i.meeting_id, i.number, i.id LIMIT 2000
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)meetingId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)commission ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)theme?.ToLowerInvariant() ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Text
        });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Of these ids, those no item has.</summary>
    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM unnest($1::text[]) id WHERE id NOT IN (SELECT id FROM agenda_items)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await command.ListAsync(reader => reader.GetString(0), cancellationToken);
    }

    private static async Task<List<ScheduledItem>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ListAsync(reader =>
            {
                var item = new AgendaItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                    reader.GetFieldValue<string[]>(8), JsonSerializer.Deserialize<List<Paper>>(reader.GetString(9), Json)!,
                    reader.GetInt32(10), reader.GetFieldValue<DateTimeOffset>(11));
                return new ScheduledItem(item, new CouncilMeeting(item.MeetingId, reader.GetString(12),
                    reader.GetFieldValue<DateTimeOffset>(13), reader.Nullable<DateTimeOffset>(14)));
            }, cancellationToken);
        }
    }
}
