using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

/// <summary>The history of members, written in the same transaction as each change, so it never misses one.</summary>
public sealed class MemberHistory(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task AddAsync(NpgsqlTransaction transaction, Guid memberId, string actor, string action, object detail,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO member_history (member_id, actor, action, detail) VALUES ($1, $2, $3, $4::jsonb)", transaction.Connection,
                transaction);
        await insert.With(memberId, actor, action, JsonSerializer.Serialize(detail, Json)).ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEntry>> OfMemberAsync(string bodyId, Guid memberId, CancellationToken cancellationToken) =>
        QueryAsync("h.member_id = $2", bodyId, memberId, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> OfAtelierAsync(string bodyId, Guid atelierId, CancellationToken cancellationToken) =>
        QueryAsync("h.detail->>'atelierId' = $2::text OR h.detail->>'previousAtelierId' = $2::text", bodyId, atelierId, cancellationToken);

    private async Task<IReadOnlyList<HistoryEntry>> QueryAsync(string filter, string bodyId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT h.member_id, h.at, h.actor, h.action, h.detail::text FROM member_history h
            JOIN members m ON m.id = h.member_id JOIN promotions p ON p.id = m.promotion_id
            WHERE p.body_id = $1 AND ({filter}) ORDER BY h.id
            """);
        await using var reader = await command.With(bodyId, id).ExecuteReaderAsync(cancellationToken);
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HistoryEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3),
                JsonDocument.Parse(reader.GetString(4)).RootElement.Clone()));
        }
        return entries;
    }
}
