using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>A correction of attendance as the audit keeps it.</summary>
public sealed record AttendanceCorrectionEntry(
    Guid MemberId, DateTimeOffset At, string Actor, string Reason, AttendanceRecord? Before, AttendanceRecord? After);

/// <summary>Attendance of members at sessions, and the audit of its corrections.</summary>
public sealed class AttendanceStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = "session_id, member_id, arrived_at, departed_at, method";

    public static async Task<AttendanceRecord?> FindAsync(NpgsqlTransaction transaction, Guid sessionId, Guid memberId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM attendance WHERE session_id = $1 AND member_id = $2",
            transaction.Connection, transaction);
        return (await ReadAsync(command.With(sessionId, memberId), cancellationToken)).SingleOrDefault();
    }

    public static async Task<IReadOnlyList<AttendanceRecord>> ListAsync(NpgsqlTransaction transaction, Guid sessionId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM attendance WHERE session_id = $1 ORDER BY member_id",
            transaction.Connection, transaction);
        return await ReadAsync(command.With(sessionId), cancellationToken);
    }

    public async Task<IReadOnlyList<AttendanceRecord>> ListAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM attendance WHERE session_id = $1 ORDER BY member_id");
        return await ReadAsync(command.With(sessionId), cancellationToken);
    }

    /// <summary>The member's attendance at the body's sessions, in time order.</summary>
    public async Task<IReadOnlyList<AttendanceRecord>> OfMemberAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.session_id, a.member_id, a.arrived_at, a.departed_at, a.method FROM attendance a
            JOIN sessions s ON s.id = a.session_id WHERE s.body_id = $1 AND a.member_id = $2 ORDER BY a.arrived_at
            """);
        return await ReadAsync(command.With(bodyId, memberId), cancellationToken);
    }

    /// <summary>Records an arrival unless one is recorded already; returns whether it was new.</summary>
    public static async Task<bool> AddAsync(NpgsqlTransaction transaction, AttendanceRecord record, string recordedBy, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO attendance (session_id, member_id, arrived_at, departed_at, method, recorded_by, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction);
        return await insert.With(record.SessionId, record.MemberId, record.ArrivedAt, record.DepartedAt, record.Method, recordedBy, now)
            .ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Writes the member's attendance as corrected (none when <paramref name="record"/> is null).</summary>
    public static async Task ReplaceAsync(NpgsqlTransaction transaction, Guid sessionId, Guid memberId, AttendanceRecord? record,
        string recordedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM attendance WHERE session_id = $1 AND member_id = $2",
            transaction.Connection, transaction))
        {
            await delete.With(sessionId, memberId).ExecuteNonQueryAsync(cancellationToken);
        }
        if (record is not null)
        {
            await AddAsync(transaction, record, recordedBy, now, cancellationToken);
        }
    }

    public static async Task SetDepartureAsync(NpgsqlTransaction transaction, Guid sessionId, Guid memberId, DateTimeOffset departedAt,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE attendance SET departed_at = $3 WHERE session_id = $1 AND member_id = $2",
            transaction.Connection, transaction);
        await update.With(sessionId, memberId, departedAt).ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task AddCorrectionAsync(NpgsqlTransaction transaction, Guid sessionId, AttendanceCorrectionEntry entry,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO attendance_corrections (session_id, member_id, at, actor, reason, before, after)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
            """, transaction.Connection, transaction);
        await insert.With(sessionId, entry.MemberId, entry.At, entry.Actor, entry.Reason, Serialize(entry.Before), Serialize(entry.After))
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AttendanceCorrectionEntry>> CorrectionsAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT member_id, at, actor, reason, before::text, after::text FROM attendance_corrections WHERE session_id = $1 ORDER BY id
            """);
        await using var reader = await command.With(sessionId).ExecuteReaderAsync(cancellationToken);
        var entries = new List<AttendanceCorrectionEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AttendanceCorrectionEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), Deserialize(reader.NullableString(4)), Deserialize(reader.NullableString(5))));
        }
        return entries;
    }

    private static string? Serialize(AttendanceRecord? record) => record is null ? null : JsonSerializer.Serialize(record, Json);

    private static AttendanceRecord? Deserialize(string? json) => json is null ? null : JsonSerializer.Deserialize<AttendanceRecord>(json,
        Json);

    private static async Task<IReadOnlyList<AttendanceRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AttendanceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AttendanceRecord(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.Nullable<DateTimeOffset>(3), reader.GetString(4)));
        }
        return records;
    }
}
