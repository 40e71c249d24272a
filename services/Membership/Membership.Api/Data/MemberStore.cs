using System.Globalization;
using Assemblee.Common.Messaging;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership;
using Assemblee.Contracts.Sortition;
using Assemblee.Membership.Domain;
using Npgsql;

namespace Assemblee.Membership.Data;

public sealed record ConsentRequest(string GuardianName, string Relationship, string Method, DateOnly GivenOn);

public sealed record ContactAttemptRequest(string Channel, string Outcome);

public sealed record DepartureRequest(string Kind, string? Note);

public sealed record OwnContactRequest(string? Email, string? Phone);

/// <summary>What a departure needs to ask sortition for a substitute.</summary>
public sealed record Departure(Member Member, Guid? DrawId);

/// <summary>Members from the draw to the end of the mandate. Every change writes its history and its event in the same transaction.</summary>
public sealed class MemberStore(NpgsqlDataSource dataSource, Outbox outbox, PersonalDataLog log, TimeProvider time)
{
    private const string Select = """
        SELECT m.id, m.promotion_id, m.respondent_id, m.seat_group, m.state, m.given_name, m.family_initial, m.arrondissement, m.minor_until,
               m.entered_at, m.confirmation_deadline, m.confirmed_at, m.left_at, m.replaced_by, c.member_id IS NOT NULL,
               am.atelier_id, am.role, p.body_id,
               m.family_name, m.birth_date, m.address, m.postcode, m.email, m.phone, m.erased_at
        FROM members m JOIN promotions p ON p.id = m.promotion_id
        LEFT JOIN consents c ON c.member_id = m.id LEFT JOIN atelier_members am ON am.member_id = m.id
        """;

    private const string Order = " ORDER BY m.given_name, m.family_initial, m.id";

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // ---- Entering the promotion (from the draw's events) ----

    /// <summary>Enters a drawn person (or a designated substitute) as drawn; null when they are already in the promotion.</summary>
    public async Task<Guid?> EnterAsync(NpgsqlTransaction transaction, Promotion promotion, DrawnPerson person, string how, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.NewGuid();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO members (id, promotion_id, respondent_id, seat_group, state, given_name, family_initial, arrondissement, minor_until,
                                 family_name, birth_date, address, postcode, email, phone, entered_at, confirmation_deadline)
            VALUES ($1, $2, $3, $4, 'drawn', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (promotion_id, respondent_id) DO NOTHING
            """, transaction.Connection, transaction);
        insert.With(id, promotion.Id, person.RespondentId, person.SeatGroup, person.GivenName.Trim(), Initial(person.FamilyName),
            MemberRules.ArrondissementOf(person.Postcode), person.BirthDate.AddYears(MemberRules.AgeOfMajority), person.FamilyName, person.BirthDate,
            person.Address, person.Postcode, person.Email, person.Phone, now, now.AddDays(promotion.ConfirmationDays));
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return null;
        }
        await MemberHistory.AddAsync(transaction, id, "sortition", "entered", new { how, seatGroup = person.SeatGroup, respondentId = person.RespondentId }, cancellationToken);
        return id;
    }

    /// <summary>
    /// Sortition designated a substitute: the leaving member is marked as left (when the replacement was asked for
    /// outside membership) and replaced; the substitute enters as drawn.
    /// </summary>
    public async Task ApplySubstituteAsync(NpgsqlTransaction transaction, SubstituteDesignated designated, CancellationToken cancellationToken)
    {
        var promotion = await PromotionStore.ByDrawAsync(transaction, designated.BodyId, designated.DrawId, cancellationToken)
            ?? throw new InvalidOperationException($"No promotion for draw {designated.DrawId} yet; the message is retried once PanelDrawn is applied.");
        var leaving = await LockAsync(transaction, "m.promotion_id = $1 AND m.respondent_id = $2", [promotion.Id, designated.LeavingRespondentId], cancellationToken);
        var substituteId = await EnterAsync(transaction, promotion, designated.Substitute, "substitute", cancellationToken);
        if (leaving is null || substituteId is null)
        {
            return;
        }
        if (MemberTransitions.DepartureOnReplacement(leaving) is { } departure)
        {
            await LeaveAsync(transaction, promotion.BodyId, leaving, departure, designated.Reason, "sortition", cancellationToken);
        }
        await using (var link = new NpgsqlCommand(
            "UPDATE members SET replaced_by = $2, substitute_respondent_id = $3 WHERE id = $1", transaction.Connection, transaction))
        {
            await link.With(leaving.Id, substituteId, designated.Substitute.RespondentId).ExecuteNonQueryAsync(cancellationToken);
        }
        await MemberHistory.AddAsync(transaction, leaving.Id, "sortition", "replaced",
            new { substituteId, substituteRespondentId = designated.Substitute.RespondentId }, cancellationToken);
        await MemberHistory.AddAsync(transaction, substituteId.Value, "sortition", "replaces", new { leavingId = leaving.Id, leavingRespondentId = leaving.RespondentId }, cancellationToken);
        await outbox.AddAsync(new MemberReplaced(promotion.BodyId, promotion.Id, leaving.Id, substituteId.Value, designated.Substitute.SeatGroup, time.GetUtcNow()),
            transaction, cancellationToken);
    }

    // ---- The secretariat's records ----

    public Task<Member> RecordContactAttemptAsync(string bodyId, Guid memberId, ContactAttemptRequest request, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureSeated(member);
            await MemberHistory.AddAsync(transaction, member.Id, actor, "contact-attempt", new { request.Channel, request.Outcome }, cancellationToken);
        }, cancellationToken);

    public Task<Member> RecordConsentAsync(string bodyId, Guid memberId, ConsentRequest request, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureConsentExpected(member);
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO consents (member_id, guardian_name, relationship, method, given_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)",
                transaction.Connection, transaction))
            {
                await insert.With(member.Id, request.GuardianName.Trim(), request.Relationship, request.Method, request.GivenOn, actor).ExecuteNonQueryAsync(cancellationToken);
            }
            await MemberHistory.AddAsync(transaction, member.Id, actor, "consent-recorded", new { request.Relationship, request.Method, request.GivenOn }, cancellationToken);
            await outbox.AddAsync(new ConsentRecorded(bodyId, member.PromotionId, member.Id, request.Method, request.GivenOn, time.GetUtcNow()), transaction, cancellationToken);
        }, cancellationToken);

    /// <summary>The member confirmed their seat and becomes active; a minor only once consent is recorded.</summary>
    public Task<Member> ConfirmAsync(string bodyId, Guid memberId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureConfirmable(member);
            var now = time.GetUtcNow();
            await using (var update = new NpgsqlCommand("UPDATE members SET state = 'active', confirmed_at = $2 WHERE id = $1", transaction.Connection, transaction))
            {
                await update.With(member.Id, now).ExecuteNonQueryAsync(cancellationToken);
            }
            await MemberHistory.AddAsync(transaction, member.Id, actor, "confirmed", new { }, cancellationToken);
            await outbox.AddAsync(new MemberConfirmed(bodyId, member.PromotionId, member.Id, member.SeatGroup, member.Minor, now), transaction, cancellationToken);
        }, cancellationToken);

    /// <summary>A refusal, a missed deadline or a resignation; the caller then asks sortition for the substitute.</summary>
    public async Task<Departure> DepartAsync(string bodyId, Guid memberId, DepartureRequest request, string actor, CancellationToken cancellationToken)
    {
        Guid? drawId = null;
        var member = await ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureDeparture(member, request.Kind, time.GetUtcNow());
            await LeaveAsync(transaction, bodyId, member, request.Kind, request.Note?.Trim(), actor, cancellationToken);
            await using var draw = new NpgsqlCommand("SELECT draw_id FROM promotions WHERE id = $1", transaction.Connection, transaction);
            drawId = await draw.With(member.PromotionId).ExecuteScalarAsync(cancellationToken) as Guid?;
        }, cancellationToken);
        return new Departure(member, drawId);
    }

    /// <summary>
    /// Notes the substitute sortition designated, so the seat is not asked for twice; the history's "replaced"
    /// entry comes with the SubstituteDesignated event, which brings the substitute in.
    /// </summary>
    public async Task RecordSubstituteAsync(Guid memberId, string substituteRespondentId, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand("UPDATE members SET substitute_respondent_id = $2 WHERE id = $1 AND substitute_respondent_id IS NULL");
        await update.With(memberId, substituteRespondentId).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A member who left and whose seat has no substitute yet (sortition was unreachable, or had none then).</summary>
    public async Task<Departure> VacantSeatAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{Select} WHERE p.body_id = $1 AND m.id = $2");
        var member = (await ReadAsync(command.With(bodyId, memberId), cancellationToken)).SingleOrDefault()?.Member
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no member {memberId}.");
        await using var seat = dataSource.CreateCommand("SELECT p.draw_id, m.substitute_respondent_id FROM members m JOIN promotions p ON p.id = m.promotion_id WHERE m.id = $1");
        await using var reader = await seat.With(memberId).ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        MemberTransitions.EnsureVacant(member, substituteDesignated: !reader.IsDBNull(1));
        return new Departure(member, reader.Nullable<Guid>(0));
    }

    // ---- Reads ----

    /// <summary>Members without contact data, for other services and for lists.</summary>
    public async Task<IReadOnlyList<Member>> ListAsync(Guid promotionId, Guid? atelierId, string? state, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{Select} WHERE m.promotion_id = $1 AND ($2::uuid IS NULL OR am.atelier_id = $2) AND ($3::text IS NULL OR m.state = $3){Order}");
        return [.. (await ReadAsync(command.With(promotionId, atelierId, state), cancellationToken)).Select(row => row.Member)];
    }

    public async Task<Member?> FindAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE m.id = $1");
        return (await ReadAsync(command.With(memberId), cancellationToken)).SingleOrDefault()?.Member;
    }

    /// <summary>The body's member <paramref name="memberId"/> if active now; the member id is the `sub` of a member's token.</summary>
    public async Task<Member?> ActiveAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND m.id = $2 AND m.state = 'active'");
        return (await ReadAsync(command.With(bodyId, memberId), cancellationToken)).SingleOrDefault()?.Member;
    }

    /// <summary>Members with their contact data, for the secretariat; the read is logged.</summary>
    public async Task<IReadOnlyList<MemberContact>> ContactsAsync(string bodyId, Guid promotionId, string? state, string actor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND m.promotion_id = $2 AND ($3::text IS NULL OR m.state = $3){Order}");
        var members = await ReadAsync(command.With(bodyId, promotionId, state), cancellationToken);
        await log.WriteAsync(new PersonalDataAccess(bodyId, null, actor, "member contact list", members.Count), null, cancellationToken);
        return members;
    }

    /// <summary>One member with contact data (the secretariat, or the member themselves); the read is logged.</summary>
    public async Task<MemberContact?> ContactAsync(string bodyId, Guid memberId, string actor, string purpose, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE p.body_id = $1 AND m.id = $2");
        var member = (await ReadAsync(command.With(bodyId, memberId), cancellationToken)).SingleOrDefault();
        if (member is not null)
        {
            await log.WriteAsync(new PersonalDataAccess(bodyId, null, actor, purpose, 1), null, cancellationToken);
        }
        return member;
    }

    /// <summary>A member changes their own e-mail and phone; the values are not written to the history, only that they changed.</summary>
    public Task<Member> UpdateOwnContactAsync(string bodyId, Guid memberId, OwnContactRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureSeated(member);
            await using (var update = new NpgsqlCommand("UPDATE members SET email = $2, phone = $3 WHERE id = $1", transaction.Connection, transaction))
            {
                await update.With(member.Id, NullIfBlank(request.Email), NullIfBlank(request.Phone)).ExecuteNonQueryAsync(cancellationToken);
            }
            await MemberHistory.AddAsync(transaction, member.Id, member.Id.ToString(), "contact-updated", new { }, cancellationToken);
        }, cancellationToken);

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

    private async Task LeaveAsync(NpgsqlTransaction transaction, string bodyId, Member member, string state, string? note, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using (var update = new NpgsqlCommand("UPDATE members SET state = $2, left_at = $3 WHERE id = $1", transaction.Connection, transaction))
        {
            await update.With(member.Id, state, now).ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var release = new NpgsqlCommand("DELETE FROM atelier_members WHERE member_id = $1", transaction.Connection, transaction))
        {
            await release.With(member.Id).ExecuteNonQueryAsync(cancellationToken);
        }
        await MemberHistory.AddAsync(transaction, member.Id, actor, state, new { note, atelierId = member.AtelierId }, cancellationToken);
        await outbox.AddAsync(new MemberLeft(bodyId, member.PromotionId, member.Id, state, now), transaction, cancellationToken);
    }

    private async Task<Member> ChangeAsync(string bodyId, Guid memberId, Func<NpgsqlTransaction, Member, Task> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var member = await LockAsync(transaction, "p.body_id = $1 AND m.id = $2", [bodyId, memberId], cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no member {memberId}.");
        await change(transaction, member);
        await transaction.CommitAsync(cancellationToken);
        return (await FindAsync(memberId, cancellationToken))!;
    }

    private async Task<Member?> LockAsync(NpgsqlTransaction transaction, string filter, object[] values, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{Select} WHERE {filter} FOR UPDATE OF m", transaction.Connection, transaction);
        return (await ReadAsync(command.With(values), cancellationToken)).SingleOrDefault()?.Member;
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
                reader.GetFieldValue<DateTimeOffset>(9), deadline, state == MemberStates.Drawn && now > deadline, reader.Nullable<DateTimeOffset>(11),
                reader.Nullable<DateTimeOffset>(12), reader.Nullable<Guid>(13), reader.GetBoolean(14), reader.Nullable<Guid>(15),
                reader.NullableString(16), reader.GetString(17));
            members.Add(new MemberContact(member, reader.NullableString(18), givenName, reader.Nullable<DateOnly>(19), reader.NullableString(20),
                reader.NullableString(21), reader.NullableString(22), reader.NullableString(23), reader.Nullable<DateTimeOffset>(24)));
        }
        return members;
    }

    private static string Initial(string familyName)
    {
        var trimmed = familyName.Trim();
        return trimmed.Length == 0 ? "" : StringInfo.GetNextTextElement(trimmed).ToUpperInvariant();
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
