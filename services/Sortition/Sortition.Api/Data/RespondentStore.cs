using System.Text.Json;
using Assemblee.Common.PersonalData;
using Assemblee.Sortition.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

public sealed record Registered(string RespondentId, Guid DrawId);

/// <summary>A respondent as the secretariat sees them (contact data included; reads are logged).</summary>
public sealed record RespondentView(string RespondentId, string SeatGroup, IReadOnlyDictionary<string, string> Profile, string Status,
    string? FamilyName, string? GivenName, string? Email, string? Phone, DateTimeOffset RegisteredAt);

public sealed class RespondentStore(NpgsqlDataSource dataSource, PersonalDataLog log)
{
    /// <summary>The invitation with this code and what the rules of answering need, its draw locked until the transaction ends.</summary>
    public static async Task<AnsweredInvitation?> FindForAnswerAsync(string code, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand("""
            SELECT i.id, i.draw_id, i.seat_group, i.birth_date, d.specification, d.state,
                   EXISTS (SELECT 1 FROM respondents r WHERE r.invitation_id = i.id),
                   EXISTS (SELECT 1 FROM selected_people s WHERE s.body_id = d.body_id AND s.person_hash = i.person_hash)
            FROM invitations i JOIN draws d ON d.id = i.draw_id
            WHERE i.code = $1
            FOR UPDATE OF d
            """, transaction.Connection, transaction);
        find.Parameters.Add(new NpgsqlParameter { Value = code.Trim().ToUpperInvariant() });
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new AnsweredInvitation(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
            JsonSerializer.Deserialize<DrawSpecification>(reader.GetString(4), SortitionJson.Options)!, reader.GetString(5),
            reader.GetBoolean(6), reader.GetBoolean(7));
    }

    /// <summary>Stores an accepted answer; returns the respondent's number in the draw.</summary>
    public static async Task<int> InsertAsync(AnsweredInvitation invitation, AcceptedAnswer answer, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO respondents (draw_id, number, invitation_id, features, email, phone)
            SELECT $1, COALESCE(MAX(number), 0) + 1, $2, $3, $4, $5 FROM respondents WHERE draw_id = $1
            RETURNING number
            """, transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = invitation.DrawId });
        insert.Parameters.Add(new NpgsqlParameter { Value = invitation.InvitationId });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(answer.Profile), NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)answer.Email ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)answer.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<RespondentView>> ListAsync(string bodyId, Guid drawId, string actor,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT r.number, i.seat_group, r.features, r.status, i.family_name, i.given_name, r.email, r.phone, r.registered_at
            FROM respondents r JOIN invitations i ON i.id = r.invitation_id
            WHERE r.draw_id = $1 ORDER BY r.number
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        var respondents = new List<RespondentView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                respondents.Add(new RespondentView(RespondentIds.Of(reader.GetInt32(0)), reader.GetString(1),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!, reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }
        await log.WriteAsync(new PersonalDataAccess(bodyId, drawId.ToString(), actor, "list respondents", respondents.Count), null,
            cancellationToken);
        return respondents;
    }
}
