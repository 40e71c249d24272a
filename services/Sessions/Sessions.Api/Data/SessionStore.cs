using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>Sessions and their history.</summary>
public sealed class SessionStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = "id, body_id, promotion_id, atelier_id, kind, title, agenda::text, place::text, online_link, "
        + "starts_at, ends_at, guests::text, public, state, sequence";

    public static async Task InsertAsync(NpgsqlTransaction transaction, Session session, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO sessions (id, body_id, promotion_id, atelier_id, kind, title, agenda, place, online_link, starts_at, ends_at,
                guests, public, state)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12::jsonb, $13, $14)
            """, transaction.Connection, transaction);
        await insert.With(session.Id, session.BodyId, session.PromotionId, session.AtelierId, session.Kind, session.Title,
            JsonSerializer.Serialize(session.Agenda, Json), session.Place is null ? null : JsonSerializer.Serialize(session.Place, Json),
            session.OnlineLink, session.StartsAt, session.EndsAt, JsonSerializer.Serialize(session.Guests, Json), session.Public,
                session.State)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Session?> FindAsync(string bodyId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM sessions WHERE body_id = $1 AND id = $2");
        return (await ReadAsync(command.With(bodyId, id), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The promotion of the body's session, unlocked (it never changes); null when the body has no such session.</summary>
    public static async Task<Guid?> PromotionOfAsync(NpgsqlTransaction transaction, string bodyId, Guid id,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT promotion_id FROM sessions WHERE body_id = $1 AND id = $2",
            transaction.Connection, transaction);
        return await command.With(bodyId, id).ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>
    /// The body's session, locked until the transaction ends: <paramref name="shared"/> for what many members do at once (check in,
    /// vote), which then runs side by side and only waits for the secretariat's changes.
    /// </summary>
    public static async Task<Session?> LockAsync(NpgsqlTransaction transaction, string bodyId, Guid id, CancellationToken cancellationToken,
        bool shared = false)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM sessions WHERE body_id = $1 AND id = $2 FOR {(shared ? "SHARE" : "UPDATE")}", transaction.Connection,
            transaction);
        return (await ReadAsync(command.With(bodyId, id), cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The promotion's planned and convened sessions that have not started, and its postponed ones, locked: a roster change waits
    /// for the secretariat's changes to them; it holds the promotion's roster lock, which a convocation takes first.
    /// </summary>
    public static async Task<IReadOnlyList<Session>> LockUpcomingAsync(NpgsqlTransaction transaction, Guid promotionId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM sessions WHERE promotion_id = $1 AND (state IN ($2, $3) AND starts_at > $4 OR state = $5) "
            + "ORDER BY id FOR UPDATE", transaction.Connection, transaction);
        return await ReadAsync(command.With(promotionId, SessionStates.Planned, SessionStates.Convened, now, SessionStates.Postponed),
            cancellationToken);
    }

    /// <summary>The promotion's sessions in time order.</summary>
    public async Task<IReadOnlyList<Session>> ListAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM sessions WHERE body_id = $1 AND promotion_id = $2 ORDER BY starts_at, id");
        return await ReadAsync(command.With(bodyId, promotionId), cancellationToken);
    }

    /// <summary>The body's public sessions, every promotion, in time order.</summary>
    public async Task<IReadOnlyList<Session>> PublicAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM sessions WHERE body_id = $1 AND public ORDER BY starts_at, id");
        return await ReadAsync(command.With(bodyId), cancellationToken);
    }

    /// <summary>The sessions the member is invited to, cancelled ones included so that calendars show the cancellation.</summary>
    public async Task<IReadOnlyList<Session>> InvitedAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM sessions s WHERE body_id = $1 AND EXISTS (
                SELECT 1 FROM convocations c WHERE c.session_id = s.id AND c.member_id = $2 AND c.withdrawn_at IS NULL)
            ORDER BY starts_at, id
            """);
        return await ReadAsync(command.With(bodyId, memberId), cancellationToken);
    }

    /// <summary>Writes a revised session: its details, times, state and calendar sequence.</summary>
    public static async Task UpdateAsync(NpgsqlTransaction transaction, Session session, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE sessions SET kind = $2, title = $3, agenda = $4::jsonb, place = $5::jsonb, online_link = $6, starts_at = $7,
                ends_at = $8, guests = $9::jsonb, public = $10, state = $11, sequence = $12, atelier_id = $13
            WHERE id = $1
            """, transaction.Connection, transaction);
        await update.With(session.Id, session.Kind, session.Title, JsonSerializer.Serialize(session.Agenda, Json),
            session.Place is null ? null : JsonSerializer.Serialize(session.Place, Json), session.OnlineLink, session.StartsAt,
            session.EndsAt, JsonSerializer.Serialize(session.Guests, Json), session.Public, session.State, session.Sequence,
            session.AtelierId).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SetStateAsync(NpgsqlTransaction transaction, Guid id, string state, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE sessions SET state = $2 WHERE id = $1", transaction.Connection, transaction);
        await update.With(id, state).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The code members type to check in, set when the session is convened.</summary>
    public static async Task<string?> CheckInCodeAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT check_in_code FROM sessions WHERE id = $1", transaction.Connection,
            transaction);
        return await command.With(id).ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<string?> CheckInCodeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT check_in_code FROM sessions WHERE id = $1");
        return await command.With(id).ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task SetCheckInCodeAsync(NpgsqlTransaction transaction, Guid id, string code, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE sessions SET check_in_code = $2 WHERE id = $1", transaction.Connection,
            transaction);
        await update.With(id, code).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task AddHistoryAsync(NpgsqlTransaction transaction, Guid sessionId, string actor, string action, object detail,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO session_history (session_id, actor, action, detail) VALUES ($1, $2, $3, $4::jsonb)", transaction.Connection,
                transaction);
        await insert.With(sessionId, actor, action, JsonSerializer.Serialize(detail, Json)).ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Session>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<Session>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new Session(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.Nullable<Guid>(3),
                reader.GetString(4), reader.GetString(5), JsonSerializer.Deserialize<List<AgendaItem>>(reader.GetString(6), Json)!,
                reader.NullableString(7) is { } place ? JsonSerializer.Deserialize<Place>(place, Json) : null, reader.NullableString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
                JsonSerializer.Deserialize<List<Guest>>(reader.GetString(11), Json)!, reader.GetBoolean(12), reader.GetString(13),
                reader.GetInt32(14)));
        }
        return sessions;
    }
}
