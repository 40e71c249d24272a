using System.Text.Json;
using Assemblee.Sortition.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Assemblee.Sortition.Data;

/// <summary>An answer to an invitation, with the self-declared profile (one value per quota category).</summary>
public sealed record RegistrationRequest(string InvitationCode, Dictionary<string, string>? Profile, string? Email, string? Phone);

/// <summary>Why an answer is refused: the HTTP status it maps to and the reason in plain words.</summary>
public sealed record RegistrationRefusal(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

public sealed record Registered(string RespondentId, Guid DrawId);

/// <summary>A respondent as the secretariat sees them (contact data included; reads are logged).</summary>
public sealed record RespondentView(string RespondentId, string SeatGroup, IReadOnlyDictionary<string, string> Profile, string Status,
    string? FamilyName, string? GivenName, string? Email, string? Phone, DateTimeOffset RegisteredAt);

public sealed class RespondentStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static string RespondentId(int number) => $"R{number:D4}";

    public static int NumberOf(string respondentId) => int.Parse(respondentId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<(Registered? Registered, RegistrationRefusal? Refusal)> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var find = new NpgsqlCommand("""
            SELECT i.id, i.draw_id, i.seat_group, i.birth_date, i.person_hash, d.body_id, d.specification, d.state,
                   EXISTS (SELECT 1 FROM respondents r WHERE r.invitation_id = i.id),
                   EXISTS (SELECT 1 FROM selected_people s WHERE s.body_id = d.body_id AND s.person_hash = i.person_hash)
            FROM invitations i JOIN draws d ON d.id = i.draw_id
            WHERE i.code = $1
            FOR UPDATE OF d
            """, connection, transaction);
        find.Parameters.Add(new NpgsqlParameter { Value = (request.InvitationCode ?? "").Trim().ToUpperInvariant() });
        Guid invitationId, drawId;
        string seatGroup, state;
        DateOnly? birthDate;
        DrawSpecification specification;
        bool answered, alreadySelected;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, new(404, "Unknown invitation code", "No invitation has this code; check the letter."));
            }
            invitationId = reader.GetGuid(0);
            drawId = reader.GetGuid(1);
            seatGroup = reader.GetString(2);
            birthDate = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3);
            specification = JsonSerializer.Deserialize<DrawSpecification>(reader.GetString(6), SortitionJson.Options)!;
            state = reader.GetString(7);
            answered = reader.GetBoolean(8);
            alreadySelected = reader.GetBoolean(9);
        }

        if (answered)
        {
            return (null, new(409, "Already registered", "This invitation has already been answered."));
        }
        if (state is not (DrawStates.Invited or DrawStates.Infeasible) || time.GetUtcNow() > specification.ResponseDeadline || birthDate is null)
        {
            return (null, new(409, "Registration closed", $"Answers were accepted until {specification.ResponseDeadline:yyyy-MM-dd HH:mm} UTC."));
        }
        var group = specification.SeatGroups.Single(g => g.Name == seatGroup);
        var age = specification.AgeAt(birthDate.Value);
        if (age < group.MinAge || age > group.MaxAge)
        {
            return (null, new(422, "Not eligible", $"The {group.Name} seats are for people aged {group.MinAge} to {group.MaxAge} on {specification.ReferenceDate:yyyy-MM-dd}."));
        }
        if (alreadySelected)
        {
            return (null, new(422, "Not eligible", "This person has already been selected for this body."));
        }
        var (profile, errors) = Profile(specification, request, birthDate.Value, seatGroup);
        if (errors.Count > 0)
        {
            return (null, new(400, "Invalid profile", "Some answers cannot be used.", errors));
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO respondents (draw_id, number, invitation_id, features, email, phone)
            SELECT $1, COALESCE(MAX(number), 0) + 1, $2, $3, $4, $5 FROM respondents WHERE draw_id = $1
            RETURNING number
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = drawId });
        insert.Parameters.Add(new NpgsqlParameter { Value = invitationId });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(profile), NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)Blank(request.Email) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)Blank(request.Phone) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var number = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return (new Registered(RespondentId(number), drawId), null);
    }

    public async Task<IReadOnlyList<RespondentView>> ListAsync(Guid drawId, string actor, CancellationToken cancellationToken)
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
                respondents.Add(new RespondentView(RespondentId(reader.GetInt32(0)), reader.GetString(1),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!, reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }
        await PersonalDataLog.WriteAsync(connection, null, actor, "list respondents", drawId, respondents.Count, cancellationToken);
        return respondents;
    }

    /// <summary>The profile in quota categories: seat group from the invitation, age class from the list, the rest declared.</summary>
    private static (Dictionary<string, string> Profile, Dictionary<string, string[]> Errors) Profile(
        DrawSpecification specification, RegistrationRequest request, DateOnly birthDate, string seatGroup)
    {
        var declared = request.Profile ?? [];
        var profile = new Dictionary<string, string> { [DrawSpecification.SeatGroupCategory] = seatGroup };
        var errors = new Dictionary<string, string[]>();
        foreach (var category in specification.Categories)
        {
            if (category.Name == DrawSpecification.AgeCategory && specification.AgeClasses.Count > 0)
            {
                if (specification.AgeClassOf(birthDate) is { } ageClass)
                {
                    profile[category.Name] = ageClass;
                }
                else
                {
                    errors[category.Name] = ["No age class of this draw covers this person's age."];
                }
                continue;
            }
            var values = category.Values.Select(v => v.Value).ToList();
            if (!declared.TryGetValue(category.Name, out var value) || !values.Contains(value))
            {
                errors[$"profile.{category.Name}"] = [category.Name == "arrondissement"
                    ? $"Only residents can take part: the arrondissement must be one of {string.Join(", ", values)}."
                    : $"Answer one of: {string.Join(", ", values)}."];
                continue;
            }
            profile[category.Name] = value;
        }
        foreach (var unknown in declared.Keys.Where(k => specification.Categories.All(c => c.Name != k)))
        {
            errors[$"profile.{unknown}"] = ["This draw does not ask this question."];
        }
        if (Blank(request.Email) is { } email && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors["email"] = ["This is not an e-mail address."];
        }
        if (Blank(request.Phone) is { } phone && (phone.Length > 20 || !phone.All(c => char.IsDigit(c) || c is '+' or ' ' or '.')))
        {
            errors["phone"] = ["This is not a phone number."];
        }
        return (profile, errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
