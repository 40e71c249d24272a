using Assemblee.Common.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Data;

public sealed class PhaseStore(NpgsqlDataSource dataSource)
{
    public async Task InsertAsync(Phase phase, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO phases (id, body_id, promotion_id, name, description, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        await insert.With(phase.Id, phase.BodyId, phase.PromotionId, phase.Name, phase.Description, phase.StartsOn, phase.EndsOn)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The promotion's phases in time order.</summary>
    public async Task<IReadOnlyList<Phase>> ListAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, body_id, promotion_id, name, description, starts_on, ends_on FROM phases
            WHERE body_id = $1 AND promotion_id = $2 ORDER BY starts_on
            """);
        await using var reader = await command.With(bodyId, promotionId).ExecuteReaderAsync(cancellationToken);
        var phases = new List<Phase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            phases.Add(new Phase(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6)));
        }
        return phases;
    }
}
