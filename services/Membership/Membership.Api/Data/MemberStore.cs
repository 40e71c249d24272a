using System.Globalization;
using Assemblee.Common.Data;
using Assemblee.Common.Rules;
using Assemblee.Contracts.People;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

/// <summary>
/// Members' rows: SQL only. Changes run in the caller's transaction (<see cref="Application.MemberLifecycle"/> owns it,
/// with the history, the event and the access log); reads compute what follows from the clock (minor, overdue).
/// </summary>
public sealed class MemberStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Select = """
        SELECT m.id, m.promotion_id, m.respondent_id, m.seat_group, m.state, m.given_name, m.family_initial, m.arrondissement,
               m.minor_until,
               m.entered_at, m.confirmation_deadline, m.confirmed_at, m.left_at, m.replaced_by, c.member_id IS NOT NULL,
               am.atelier_id, am.role, p.body_id,
               m.family_name, m.birth_date, m.address, m.postcode, m.email, m.phone, m.erased_at
        FROM members m JOIN promotions p ON p.id = m.promotion_id
        LEFT JOIN consents c ON c.member_id = m.id LEFT JOIN atelier_members am ON am.member_id = m.id
        """;

    private const string Order = " ORDER BY m.given_name, m.family_initial, m.id";

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // ---- Changes, in the caller's transaction ----

    /// <summary>Inserts a drawn person as drawn; false when they are already in the promotion.</summary>
    public static async Task<bool> InsertAsync(
        NpgsqlTransaction transaction, Guid id, Promotion promotion, DrawnPerson person, DateTimeOffset now,
            CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO members (id, promotion_id, respondent_id, seat_group, state, given_name, family_initial, arrondissement,
                                 minor_until,
                                 family_name, birth_date, address, postcode, email, phone, entered_at, confirmation_deadline)
            VALUES ($1, $2, $3, $4, 'drawn', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (promotion_id, respondent_id) DO NOTHING
            """, transaction.Connection, transaction);
        insert.With(id, promotion.Id, person.RespondentId, person.SeatGroup, person.GivenName.Trim(), Initial(person.FamilyName),
            MemberRules.ArrondissementOf(person.Postcode), person.BirthDate.AddYears(MemberRules.AgeOfMajority), person.FamilyName,
                person.BirthDate,
            person.Address, person.Postcode, person.Email, person.Phone, now, now.AddDays(promotion.ConfirmationDays));
        return await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The body's member, locked until the transaction ends.</summary>
    public Task<Member?> LockAsync(NpgsqlTransaction transaction, string bodyId, Guid memberId, CancellationToken cancellationToken) =>
        LockWhereAsync(transaction, "p.body_id = $1 AND m.id = $2", [bodyId, memberId], cancellationToken);

    /// <summary>The promotion's member drawn as <paramref name="respondentId"/>, locked until the transaction ends.</summary>
    public Task<Member?> LockByRespondentAsync(NpgsqlTransaction transaction, Guid promotionId, string respondentId,
        CancellationToken cancellationToken) =>
        LockWhereAsync(transaction, "m.promotion_id = $1 AND m.respondent_id = $2", [promotionId, respondentId], cancellationToken);

    public static Task LinkReplacementAsync(
        NpgsqlTransaction transaction, Guid leavingId, Guid substituteId, string substituteRespondentId,
            CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, "UPDATE members SET replaced_by = $2, substitute_respondent_id = $3 WHERE id = $1",
            [leavingId, substituteId, substituteRespondentId], cancellationToken);

    public static Task InsertConsentAsync(
        NpgsqlTransaction transaction, Guid memberId, string guardianName, string relationship, string method, DateOnly givenOn,
            string actor,
        CancellationToken cancellationToken) =>
        ExecuteAsync(transaction,
            "INSERT INTO consents (member_id, guardian_name, relationship, method, given_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)",
            [memberId, guardianName, relationship, method, givenOn, actor], cancellationToken);

    public static Task SetActiveAsync(NpgsqlTransaction transaction, Guid memberId, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, "UPDATE members SET state = 'active', confirmed_at = $2 WHERE id = $1", [memberId, at],
            cancellationToken);

    /// <summary>The member leaves in <paramref name="state"/> and gives up their atelier place.</summary>
    public static async Task SetLeftAsync(NpgsqlTransaction transaction, Guid memberId, string state, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(transaction, "UPDATE members SET state = $2, left_at = $3 WHERE id = $1", [memberId, state, at],
            cancellationToken);
        await ExecuteAsync(transaction, "DELETE FROM atelier_members WHERE member_id = $1", [memberId], cancellationToken);
    }

    public static Task SetContactAsync(NpgsqlTransaction transaction, Guid memberId, string? email, string? phone,
        CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, "UPDATE members SET email = $2, phone = $3 WHERE id = $1", [memberId, email, phone], cancellationToken);

    /// <summary>The draw the member's promotion comes from, if any.</summary>
    public static async Task<Guid?> DrawOfPromotionAsync(NpgsqlTransaction transaction, Guid promotionId,
        CancellationToken cancellationToken)
    {
        await using var draw = new NpgsqlCommand("SELECT draw_id FROM promotions WHERE id = $1", transaction.Connection, transaction);
        return await draw.With(promotionId).ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>
    /// Notes the substitute sortition designated, so the seat is not asked for twice; the history's "replaced"
    /// entry comes with the SubstituteDesignated event, which brings the substitute in.
    /// </summary>
    public async Task RecordSubstituteAsync(Guid memberId, string substituteRespondentId, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE members SET substitute_respondent_id = $2 WHERE id = $1 AND substitute_respondent_id IS NULL");
        await update.With(memberId, substituteRespondentId).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A member's seat: the member, the draw of their promotion and whether a substitute is designated.</summary>
    public async Task<(Member Member, Guid? DrawId, bool SubstituteDesignated)?> SeatAsync(string bodyId, Guid memberId,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND m.id = $2");
        if ((await ReadAsync(command.With(bodyId, memberId), cancellationToken)).SingleOrDefault()?.Member is not { } member)
        {
            return null;
        }
        await using var seat = dataSource.CreateCommand(
            "SELECT p.draw_id, m.substitute_respondent_id FROM members m JOIN promotions p ON p.id = m.promotion_id WHERE m.id = $1");
        await using var reader = await seat.With(memberId).ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (member, reader.Nullable<Guid>(0), !reader.IsDBNull(1));
    }

    // ---- Reads ----

    /// <summary>Members without contact data, for other services and for lists.</summary>
    public async Task<IReadOnlyList<Member>> ListAsync(Guid promotionId, Guid? atelierId, string? state,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{Select} WHERE m.promotion_id = $1 AND ($2::uuid IS NULL OR am.atelier_id = $2) "
            + $"AND ($3::text IS NULL OR m.state = $3){Order}");
        return [.. (await ReadAsync(command.With(promotionId, atelierId, state), cancellationToken)).Select(row => row.Member)];
    }

    public async Task<Member?> FindAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE m.id = $1");
        return (await ReadAsync(command.With(memberId), cancellationToken)).SingleOrDefault()?.Member;
    }

    /// <summary>The member, if the body has one of that id.</summary>
    public async Task<Member> RequireAsync(string bodyId, Guid memberId, CancellationToken cancellationToken) =>
        await FindAsync(memberId, cancellationToken) is { } member && member.BodyId == bodyId ? member : throw Unknown(bodyId, memberId);

    public static RuleViolation Unknown(string bodyId, Guid memberId) =>
        RuleViolation.NotFound($"Body '{bodyId}' has no member {memberId}.");

    /// <summary>The body's member <paramref name="memberId"/> if active now; the member id is the `sub` of a member's token.</summary>
    public async Task<Member?> ActiveAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND m.id = $2 AND m.state = 'active'");
        return (await ReadAsync(command.With(bodyId, memberId), cancellationToken)).SingleOrDefault()?.Member;
    }

    /// <summary>Members with their contact data (the caller logs the read).</summary>
    public async Task<IReadOnlyList<MemberContact>> ContactsAsync(string bodyId, Guid promotionId, string? state,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{Select} WHERE p.body_id = $1 AND m.promotion_id = $2 AND ($3::text IS NULL OR m.state = $3){Order}");
        return await ReadAsync(command.With(bodyId, promotionId, state), cancellationToken);
    }

    /// <summary>The named members of the body whose contact data is kept (the caller logs the read).</summary>
    public async Task<IReadOnlyList<MemberContact>> ContactsOfAsync(string bodyId, IReadOnlyList<Guid> memberIds,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{Select} WHERE p.body_id = $1 AND m.id = ANY($2) AND m.erased_at IS NULL{Order}");
        return await ReadAsync(command.With(bodyId, memberIds.ToArray()), cancellationToken);
    }

    /// <summary>One member with contact data (the caller logs the read).</summary>
    public async Task<MemberContact?> ContactAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND m.id = $2");
        return (await ReadAsync(command.With(bodyId, memberId), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The published roster: active members, given name, initial, arrondissement and atelier; nothing else.</summary>
    public async Task<IReadOnlyList<RosterEntry>> RosterAsync(string bodyId, Guid promotionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.given_name, m.family_initial, m.arrondissement, a.name
            FROM members m JOIN promotions p ON p.id = m.promotion_id
            LEFT JOIN atelier_members am ON am.member_id = m.id LEFT JOIN ateliers a ON a.id = am.atelier_id
            WHERE p.body_id = $1 AND m.promotion_id = $2 AND m.state = 'active'
            ORDER BY m.given_name, m.family_initial, m.id
            """);
        await using var reader = await command.With(bodyId, promotionId).ExecuteReaderAsync(cancellationToken);
        var roster = new List<RosterEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            roster.Add(new RosterEntry(reader.GetString(0), reader.GetString(1), reader.Nullable<int>(2), reader.NullableString(3)));
        }
        return roster;
    }

    // ---- Helpers ----

    private async Task<Member?> LockWhereAsync(NpgsqlTransaction transaction, string filter, object[] values,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{Select} WHERE {filter} FOR UPDATE OF m", transaction.Connection, transaction);
        return (await ReadAsync(command.With(values), cancellationToken)).SingleOrDefault()?.Member;
    }

    private static async Task ExecuteAsync(NpgsqlTransaction transaction, string sql, object?[] values, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        await command.With(values).ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<MemberContact>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<MemberContact>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = reader.GetString(4);
            var givenName = reader.GetString(5);
            var deadline = reader.GetFieldValue<DateTimeOffset>(10);
            var member = new Member(
                reader.GetGuid(0), reader.GetGuid(1), reader.NullableString(2), reader.GetString(3), state,
                MemberRules.DisplayName(givenName, reader.GetString(6)), reader.Nullable<int>(7), reader.Nullable<DateOnly>(8) > Today,
                reader.GetFieldValue<DateTimeOffset>(9), deadline, state == MemberStates.Drawn && now > deadline,
                    reader.Nullable<DateTimeOffset>(11),
                reader.Nullable<DateTimeOffset>(12), reader.Nullable<Guid>(13), reader.GetBoolean(14), reader.Nullable<Guid>(15),
                reader.NullableString(16), reader.GetString(17));
            members.Add(new MemberContact(member, reader.NullableString(18), givenName, reader.Nullable<DateOnly>(19),
                reader.NullableString(20),
                reader.NullableString(21), reader.NullableString(22), reader.NullableString(23), reader.Nullable<DateTimeOffset>(24)));
        }
        return members;
    }

    private static string Initial(string familyName)
    {
        var trimmed = familyName.Trim();
        return trimmed.Length == 0 ? "" : StringInfo.GetNextTextElement(trimmed).ToUpperInvariant();
    }
}
