using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

/// <summary>Rates, the attendance compensation reads, and approved statements with their lines.</summary>
public sealed class CompensationStore(NpgsqlDataSource dataSource)
{
    public async Task InsertRateAsync(CompensationRate rate, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO compensation_rates (id, body_id, session_kind, unit, amount, effective_from, effective_to, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        await insert.With(rate.Id, rate.BodyId, rate.SessionKind, rate.Unit, rate.Amount, rate.EffectiveFrom, rate.EffectiveTo, actor, now)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CompensationRate>> RatesAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, body_id, session_kind, unit, amount, effective_from, effective_to FROM compensation_rates
            WHERE body_id = $1 ORDER BY effective_from, session_kind NULLS FIRST, id
            """);
        await using var reader = await command.With(bodyId).ExecuteReaderAsync(cancellationToken);
        var rates = new List<CompensationRate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rates.Add(new CompensationRate(reader.GetGuid(0), reader.GetString(1), reader.NullableString(2), reader.GetString(3),
                reader.GetDecimal(4), reader.GetFieldValue<DateOnly>(5), reader.Nullable<DateOnly>(6)));
        }
        return rates;
    }

    /// <summary>
    /// Every recorded presence at the body's sessions that started before <paramref name="until"/> (cancelled ones aside).
    /// </summary>
    public static async Task<IReadOnlyList<AttendedSession>> AttendedAsync(NpgsqlTransaction transaction, string bodyId,
        DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.member_id, s.id, s.title, s.kind, s.starts_at, s.ends_at, a.arrived_at, a.departed_at
            FROM attendance a JOIN sessions s ON s.id = a.session_id
            WHERE s.body_id = $1 AND s.starts_at < $2 AND s.state <> 'cancelled'
            """, transaction.Connection, transaction);
        await using var reader = await command.With(bodyId, until).ExecuteReaderAsync(cancellationToken);
        var attended = new List<AttendedSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attended.Add(new AttendedSession(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.Nullable<DateTimeOffset>(7)));
        }
        return attended;
    }

    /// <summary>What approved statements paid, per member and session.</summary>
    public static async Task<IReadOnlyList<PaidSession>> PaidAsync(NpgsqlTransaction transaction, string bodyId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.member_id, l.session_id, min(l.session_title), min(l.session_kind), min(l.session_date), sum(l.amount)
            FROM compensation_lines l JOIN compensation_statements s ON s.id = l.statement_id
            WHERE s.body_id = $1 GROUP BY s.member_id, l.session_id
            """, transaction.Connection, transaction);
        await using var reader = await command.With(bodyId).ExecuteReaderAsync(cancellationToken);
        var paid = new List<PaidSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            paid.Add(new PaidSession(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetDecimal(5)));
        }
        return paid;
    }

    public static async Task<IReadOnlyList<Statement>> ApprovedAsync(NpgsqlTransaction transaction, string bodyId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.id, s.body_id, s.member_id, s.month, s.total, s.approved_at, s.approved_by, l.session_id, l.session_title,
                l.session_kind, l.session_date, l.minutes, l.unit, l.quantity, l.rate, l.amount, l.adjustment
            FROM compensation_statements s LEFT JOIN compensation_lines l ON l.statement_id = s.id
            WHERE s.body_id = $1 ORDER BY s.month, s.member_id, l.line_no
            """, transaction.Connection, transaction);
        await using var reader = await command.With(bodyId).ExecuteReaderAsync(cancellationToken);
        var statements = new List<Statement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (statements.Count == 0 || statements[^1].Id != id)
            {
                statements.Add(new Statement(id, reader.GetString(1), reader.GetGuid(2), reader.GetFieldValue<DateOnly>(3),
                    new List<StatementLine>(), reader.GetDecimal(4), StatementStates.Approved, reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetString(6)));
            }
            if (!reader.IsDBNull(7))
            {
                ((List<StatementLine>)statements[^1].Lines).Add(new StatementLine(reader.GetGuid(7), reader.GetString(8),
                    reader.GetString(9), reader.GetFieldValue<DateOnly>(10), reader.GetInt32(11), reader.GetString(12), reader.GetInt32(13),
                    reader.GetDecimal(14), reader.GetDecimal(15), reader.GetBoolean(16)));
            }
        }
        return statements;
    }

    /// <summary>Stores an approved statement; false when the member's month was approved already.</summary>
    public static async Task<bool> InsertApprovedAsync(NpgsqlTransaction transaction, Statement statement,
        CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO compensation_statements (id, body_id, member_id, month, total, approved_at, approved_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (body_id, member_id, month) DO NOTHING
            """, transaction.Connection, transaction))
        {
            if (await insert.With(statement.Id, statement.BodyId, statement.MemberId, statement.Month, statement.Total,
                statement.ApprovedAt, statement.ApprovedBy).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (line, number) in statement.Lines.Select((line, index) => (line, index + 1)))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO compensation_lines (statement_id, line_no, session_id, session_title, session_kind, session_date, minutes,
                    unit, quantity, rate, amount, adjustment)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                """).With(statement.Id, number, line.SessionId, line.Title, line.Kind, line.Date, line.Minutes, line.Unit, line.Quantity,
                line.Rate, line.Amount, line.Adjustment));
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        return true;
    }
}
