using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Common.Rules;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

public sealed class PromotionStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, body_id, name, draw_id, mandate_start, mandate_end, seats, confirmation_days, atelier_choice_closes_at, created_at";

    private const string Insert = $"INSERT INTO promotions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) "
        + "ON CONFLICT (body_id, draw_id) DO NOTHING";

    public async Task<Promotion> CreateAsync(Promotion promotion, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand(Insert);
        insert.With(Values(promotion));
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw RuleViolation.Conflict("draw-already-has-a-promotion", "Draw already has a promotion",
                $"Draw {promotion.DrawId} already fills a promotion; change that one instead.");
        }
        return promotion;
    }

    public async Task<Promotion> UpdateAsync(Promotion promotion, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE promotions SET name = $3, mandate_start = $4, mandate_end = $5, seats = $6::jsonb, confirmation_days = $7, "
            + "atelier_choice_closes_at = $8 WHERE id = $1 AND body_id = $2");
        update.With(promotion.Id, promotion.BodyId, promotion.Name, promotion.MandateStart, promotion.MandateEnd,
            JsonSerializer.Serialize(promotion.Seats),
            promotion.ConfirmationDays, promotion.AtelierChoiceClosesAt);
        await update.ExecuteNonQueryAsync(cancellationToken);
        return promotion;
    }

    public async Task<Promotion?> FindAsync(string bodyId, Guid id, CancellationToken cancellationToken) =>
        (await QueryAsync(dataSource.CreateCommand($"SELECT {Columns} FROM promotions WHERE body_id = $1 AND id = $2").With(bodyId, id),
            cancellationToken)).SingleOrDefault();

    /// <summary>The promotion, or a 404 rule violation.</summary>
    public async Task<Promotion> RequireAsync(string bodyId, Guid id, CancellationToken cancellationToken) =>
        await FindAsync(bodyId, id, cancellationToken) ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no promotion {id}.");

    public Task<IReadOnlyList<Promotion>> ListAsync(string bodyId, CancellationToken cancellationToken) =>
        QueryAsync(dataSource.CreateCommand($"SELECT {Columns} FROM promotions WHERE body_id = $1 ORDER BY created_at").With(bodyId),
            cancellationToken);

    /// <summary>The promotion a draw fills, created from the draw when the secretariat has not created it beforehand.</summary>
    public static async Task<Promotion> ForDrawAsync(NpgsqlTransaction transaction, Guid drawId, string bodyId, string title,
        IReadOnlyDictionary<string, int> seats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = new Promotion(Guid.NewGuid(), bodyId, title, drawId, null, null, seats, PromotionRequest.DefaultConfirmationDays,
            null, now);
        await using (var insert = new NpgsqlCommand(
            Insert,
            transaction.Connection, transaction))
        {
            await insert.With(Values(created)).ExecuteNonQueryAsync(cancellationToken);
        }
        await using var find = new NpgsqlCommand($"SELECT {Columns} FROM promotions WHERE body_id = $1 AND draw_id = $2 FOR UPDATE",
            transaction.Connection, transaction);
        return (await QueryAsync(find.With(bodyId, drawId), cancellationToken)).Single();
    }

    public static async Task<Promotion?> ByDrawAsync(NpgsqlTransaction transaction, string bodyId, Guid drawId,
        CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand($"SELECT {Columns} FROM promotions WHERE body_id = $1 AND draw_id = $2",
            transaction.Connection, transaction);
        return (await QueryAsync(find.With(bodyId, drawId), cancellationToken)).SingleOrDefault();
    }

    private static object?[] Values(Promotion p) =>
        [p.Id, p.BodyId, p.Name, p.DrawId, p.MandateStart, p.MandateEnd, JsonSerializer.Serialize(p.Seats), p.ConfirmationDays,
            p.AtelierChoiceClosesAt, p.CreatedAt];

    private static async Task<IReadOnlyList<Promotion>> QueryAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var promotions = new List<Promotion>();
            while (await reader.ReadAsync(cancellationToken))
            {
                promotions.Add(new Promotion(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.Nullable<Guid>(3), reader.Nullable<DateOnly>(4),
                        reader.Nullable<DateOnly>(5),
                    JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(6))!, reader.GetInt32(7),
                        reader.Nullable<DateTimeOffset>(8),
                    reader.GetFieldValue<DateTimeOffset>(9)));
            }
            return promotions;
        }
    }
}
