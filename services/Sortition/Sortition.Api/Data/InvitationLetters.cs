using Assemblee.Common.PersonalData;
using Npgsql;

namespace Assemblee.Sortition.Data;

/// <summary>What a letter needs: the code to answer with, the name and the postal address.</summary>
public sealed record InvitationLetter(string Code, string SeatGroup, string FamilyName, string GivenName, string Address, string Postcode);

public static class InvitationLetters
{
    /// <summary>Letters not yet erased, logged as a read of personal data.</summary>
    public static async Task<IReadOnlyList<InvitationLetter>> ListAsync(
        NpgsqlDataSource dataSource, PersonalDataLog log, string bodyId, Guid drawId, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT code, seat_group, family_name, given_name, address, postcode FROM invitations
            WHERE draw_id = $1 AND erased_at IS NULL ORDER BY postcode, family_name, given_name, code
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = drawId });
        var letters = new List<InvitationLetter>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                letters.Add(new InvitationLetter(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5)));
            }
        }
        await log.WriteAsync(new PersonalDataAccess(bodyId, drawId.ToString(), actor, "invitation letters", letters.Count), null,
            cancellationToken);
        return letters;
    }
}
