using System.Security.Cryptography;
using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Notifications.Domain;
using Npgsql;

namespace Assemblee.Notifications.Data;

public sealed class PreferenceStore(NpgsqlDataSource dataSource)
{
    /// <summary>The members' preferences; a member who chose nothing is left out (the defaults apply).</summary>
    public async Task<Dictionary<Guid, Preferences>> OfMembersAsync(string bodyId, IReadOnlyList<Guid> memberIds,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT member_id, language, quiet_from, quiet_until, channels::text FROM preferences WHERE body_id = $1 AND member_id = ANY($2)
            """);
        return (await command.With(bodyId, memberIds.ToArray()).ListAsync(reader => (reader.GetGuid(0), Read(reader)), cancellationToken))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2);
    }

    public async Task<Preferences> OfMemberAsync(string bodyId, Guid memberId, CancellationToken cancellationToken) =>
        (await OfMembersAsync(bodyId, [memberId], cancellationToken)).GetValueOrDefault(memberId) ?? Preferences.Default;

    public async Task SaveAsync(string bodyId, Guid memberId, Preferences preferences, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO preferences (body_id, member_id, language, quiet_from, quiet_until, channels) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            ON CONFLICT (body_id, member_id) DO UPDATE SET language = excluded.language, quiet_from = excluded.quiet_from,
                quiet_until = excluded.quiet_until, channels = excluded.channels, updated_at = now()
            """);
        await command.With(bodyId, memberId, preferences.Language, preferences.QuietHours?.From, preferences.QuietHours?.Until,
            JsonSerializer.Serialize(preferences.ByKind)).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each member's unsubscribe secret for the kind, made on first use.</summary>
    public async Task<Dictionary<Guid, string>> UnsubscribeTokensAsync(string bodyId, string kind, IReadOnlyList<Guid> memberIds,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH made AS (
                INSERT INTO unsubscribe_tokens (token, body_id, member_id, kind)
                SELECT token, $1, member_id, $2 FROM unnest($3::uuid[], $4::text[]) AS t (member_id, token)
                ON CONFLICT (body_id, member_id, kind) DO NOTHING RETURNING member_id, token)
            SELECT member_id, token FROM made
            UNION ALL SELECT member_id, token FROM unsubscribe_tokens WHERE body_id = $1 AND kind = $2 AND member_id = ANY($3)
            """);
        var tokens = memberIds.Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'))
            .ToArray();
        var rows = await command.With(bodyId, kind, memberIds.ToArray(), tokens)
            .ListAsync(reader => (reader.GetGuid(0), reader.GetString(1)), cancellationToken);
        return rows.GroupBy(row => row.Item1).ToDictionary(group => group.Key, group => group.First().Item2);
    }

    /// <summary>Whose unsubscribe link this is, and for which kind; null when there is no such link.</summary>
    public async Task<(string BodyId, Guid MemberId, string Kind)?> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT body_id, member_id, kind FROM unsubscribe_tokens WHERE token = $1");
        var rows = await command.With(token).ListAsync(reader => (reader.GetString(0), reader.GetGuid(1), reader.GetString(2)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Preferences Read(NpgsqlDataReader reader) => new(reader.GetString(1),
        reader.IsDBNull(2) ? null : new QuietHours(reader.GetFieldValue<TimeOnly>(2), reader.GetFieldValue<TimeOnly>(3)),
        JsonSerializer.Deserialize<Dictionary<string, List<string>>>(reader.GetString(4))!
            .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value));
}
