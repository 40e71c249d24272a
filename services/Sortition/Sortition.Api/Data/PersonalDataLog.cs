using Npgsql;

namespace Assemblee.Sortition.Data;

public sealed record PersonalDataRead(DateTimeOffset ReadAt, string Actor, string Purpose, Guid? DrawId, int People);

/// <summary>Every read of personal data leaves a line here (who, why, how many people), never the data itself.</summary>
public sealed class PersonalDataLog(NpgsqlDataSource dataSource)
{
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string actor, string purpose, Guid drawId, int people,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO personal_data_reads (actor, purpose, draw_id, people) VALUES ($1, $2, $3, $4)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        command.Parameters.Add(new NpgsqlParameter { Value = people });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PersonalDataRead>> ListAsync(Guid drawId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT read_at, actor, purpose, draw_id, people FROM personal_data_reads WHERE draw_id = $1 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reads = new List<PersonalDataRead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reads.Add(new PersonalDataRead(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetInt32(4)));
        }
        return reads;
    }
}
