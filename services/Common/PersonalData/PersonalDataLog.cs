using Npgsql;

namespace Assemblee.Common.PersonalData;

/// <summary>A read of personal data: by whom, why, how many people; <paramref name="Scope"/> narrows it within the body.</summary>
public sealed record PersonalDataAccess(string BodyId, string? Scope, string Actor, string Purpose, int People);

public sealed record PersonalDataRead(DateTimeOffset ReadAt, string Actor, string Purpose, string? Scope, int People);

/// <summary>
/// The personal-data access log every service keeps: each read of personal data leaves a line, never the data itself.
/// Written in the reading transaction when there is one, so that a read and its line stand or fall together.
/// </summary>
public sealed class PersonalDataLog(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(PersonalDataAccess access, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        const string sql = "INSERT INTO personal_data_access_log (body_id, scope, actor, purpose, people) VALUES ($1, $2, $3, $4, $5)";
        await using var command = transaction is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, transaction.Connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = access.BodyId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)access.Scope ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = access.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = access.Purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = access.People });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The body's reads, oldest first; only those of <paramref name="scope"/> when given.</summary>
    public async Task<IReadOnlyList<PersonalDataRead>> ListAsync(string bodyId, string? scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT read_at, actor, purpose, scope, people FROM personal_data_access_log
            WHERE body_id = $1 AND ($2::text IS NULL OR scope = $2) ORDER BY id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = bodyId });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)scope ?? DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reads = new List<PersonalDataRead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reads.Add(new PersonalDataRead(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4)));
        }
        return reads;
    }
}
