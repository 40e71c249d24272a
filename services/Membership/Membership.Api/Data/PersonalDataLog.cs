using Npgsql;

namespace Assemblee.Membership.Data;

public sealed record PersonalDataRead(DateTimeOffset ReadAt, string Actor, string Purpose, int People);

/// <summary>Every read of members' personal data leaves a line here (who, why, how many people), never the data itself.</summary>
public sealed class PersonalDataLog(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(string bodyId, string actor, string purpose, int people, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO personal_data_reads (body_id, actor, purpose, people) VALUES ($1, $2, $3, $4)");
        await command.With(bodyId, actor, purpose, people).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PersonalDataRead>> ListAsync(string bodyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT read_at, actor, purpose, people FROM personal_data_reads WHERE body_id = $1 ORDER BY id");
        await using var reader = await command.With(bodyId).ExecuteReaderAsync(cancellationToken);
        var reads = new List<PersonalDataRead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reads.Add(new PersonalDataRead(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }
        return reads;
    }
}
