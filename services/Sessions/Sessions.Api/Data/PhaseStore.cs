using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

public sealed class PhaseStore(NpgsqlDataSource dataSource)
{
    private const string Select = """
        SELECT id, body_id, promotion_id, name, description, starts_on, ends_on FROM phases
        WHERE body_id = $1 AND promotion_id = $2 ORDER BY starts_on
        """;

    public static async Task InsertAsync(NpgsqlTransaction transaction, Phase phase, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO phases (id, body_id, promotion_id, name, description, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            transaction.Connection, transaction);
        await insert.With(phase.Id, phase.BodyId, phase.PromotionId, phase.Name, phase.Description, phase.StartsOn, phase.EndsOn)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The promotion's phases in time order.</summary>
    public async Task<IReadOnlyList<Phase>> ListAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select);
        return await ReadAsync(command.With(bodyId, promotionId), cancellationToken);
    }

    public static async Task<IReadOnlyList<Phase>> ListAsync(NpgsqlTransaction transaction, string bodyId, Guid promotionId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Select, transaction.Connection, transaction);
        return await ReadAsync(command.With(bodyId, promotionId), cancellationToken);
    }

    private static async Task<IReadOnlyList<Phase>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var phases = new List<Phase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            phases.Add(new Phase(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6)));
        }
        return phases;
    }
}
