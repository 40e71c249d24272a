using Assemblee.Common.Messaging;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership;
using Assemblee.Contracts.People;
using Assemblee.Contracts.Sortition;
using Assemblee.Membership.Data;
using Assemblee.Membership.Domain;
using Assemblee.Membership.Grpc;
using Npgsql;

namespace Assemblee.Membership.Application;

public sealed record ConsentRequest(string GuardianName, string Relationship, string Method, DateOnly GivenOn);

public sealed record ContactAttemptRequest(string Channel, string Outcome);

public sealed record DepartureRequest(string Kind, string? Note);

public sealed record OwnContactRequest(string? Email, string? Phone);

/// <summary>What a departure needs to ask sortition for a substitute.</summary>
public sealed record Departure(Member Member, Guid? DrawId);

/// <summary>
/// A member's life from the draw to the end of the mandate. Each change runs in one transaction that locks the member,
/// asks <see cref="MemberTransitions"/>, changes the rows, and writes the history and the event; each read of contact
/// data is logged.
/// </summary>
public sealed class MemberLifecycle(
    NpgsqlDataSource dataSource, MemberStore members, DrawnPeopleReader sortition, Outbox outbox, PersonalDataLog log, TimeProvider time)
{
    // ---- From the draw's events (the consumer owns the transaction, with its inbox row) ----

    /// <summary>
    /// Enters the drawn people (or a designated substitute) as drawn, skipping those already in the promotion, and tells
    /// notifications whom it entered (by id: it asks for their addresses). The ids entered, in the given order.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> EnterAsync(NpgsqlTransaction transaction, Promotion promotion,
        IEnumerable<DrawnPerson> people, bool substitutes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (entered, minors) = (new List<Guid>(), new List<Guid>());
        foreach (var person in people)
        {
            var id = Guid.NewGuid();
            if (!await MemberStore.InsertAsync(transaction, id, promotion, person, now, cancellationToken))
            {
                continue;
            }
            await MemberHistory.AddAsync(transaction, id, "sortition", "entered", new
            {
                how = substitutes ? "substitute" : "drawn",
                seatGroup = person.SeatGroup,
                respondentId = person.RespondentId
            }, cancellationToken);
            entered.Add(id);
            if (MemberRules.IsMinor(person.BirthDate, DateOnly.FromDateTime(now.UtcDateTime)))
            {
                minors.Add(id);
            }
        }
        if (entered.Count > 0)
        {
            await outbox.AddAsync(new MembersDrawn(promotion.BodyId, promotion.Id, promotion.Name, entered, minors, substitutes,
                now.AddDays(promotion.ConfirmationDays), now), transaction, cancellationToken);
        }
        return entered;
    }

    /// <summary>
    /// Sortition designated a substitute: the leaving member is marked as left (when the replacement was asked for
    /// outside membership) and replaced; the substitute, whose contact details are read from sortition, enters as drawn.
    /// </summary>
    public async Task ApplySubstituteAsync(NpgsqlTransaction transaction, SubstituteDesignated designated,
        CancellationToken cancellationToken)
    {
        var promotion = await PromotionStore.ByDrawAsync(transaction, designated.BodyId, designated.DrawId, cancellationToken)
            ?? throw new InvalidOperationException(
                $"No promotion for draw {designated.DrawId} yet; the message is retried once PanelDrawn is applied.");
        var respondentId = designated.Substitute.RespondentId;
        var substitute = (await sortition.ReadAsync(designated.BodyId, designated.DrawId, [respondentId], cancellationToken))
            .GetValueOrDefault(respondentId)
            ?? throw new InvalidOperationException(
                $"Sortition holds no data for the substitute of draw {designated.DrawId}; the message is retried.");
        var leaving = await members.LockByRespondentAsync(transaction, promotion.Id, designated.LeavingRespondentId, cancellationToken);
        var entered = await EnterAsync(transaction, promotion, [substitute], substitutes: true, cancellationToken);
        if (leaving is null || entered is not [var substituteId])
        {
            return;
        }
        if (MemberTransitions.DepartureOnReplacement(leaving) is { } departure)
        {
            await LeaveAsync(transaction, promotion.BodyId, leaving, departure, designated.Reason, "sortition", cancellationToken);
        }
        await MemberStore.LinkReplacementAsync(transaction, leaving.Id, substituteId, designated.Substitute.RespondentId,
            cancellationToken);
        await MemberHistory.AddAsync(transaction, leaving.Id, "sortition", "replaced",
            new { substituteId, substituteRespondentId = designated.Substitute.RespondentId }, cancellationToken);
        await MemberHistory.AddAsync(transaction, substituteId, "sortition", "replaces",
            new { leavingId = leaving.Id, leavingRespondentId = leaving.RespondentId }, cancellationToken);
        await outbox.AddAsync(new MemberReplaced(promotion.BodyId, promotion.Id, leaving.Id, substituteId,
            designated.Substitute.SeatGroup, time.GetUtcNow()),
            transaction, cancellationToken);
    }

    // ---- The secretariat's records ----

    public Task<Member> RecordContactAttemptAsync(string bodyId, Guid memberId, ContactAttemptRequest request, string actor,
        CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureSeated(member);
            await MemberHistory.AddAsync(transaction, member.Id, actor, "contact-attempt", new { request.Channel, request.Outcome },
                cancellationToken);
        }, cancellationToken);

    public Task<Member> RecordConsentAsync(string bodyId, Guid memberId, ConsentRequest request, string actor,
        CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureConsentExpected(member);
            await MemberStore.InsertConsentAsync(transaction, member.Id, request.GuardianName.Trim(), request.Relationship,
                request.Method, request.GivenOn, actor,
                cancellationToken);
            await MemberHistory.AddAsync(transaction, member.Id, actor, "consent-recorded", new
            {
                request.Relationship,
                request.Method,
                request.GivenOn
            }, cancellationToken);
            await outbox.AddAsync(new ConsentRecorded(bodyId, member.PromotionId, member.Id, request.Method, request.GivenOn,
                time.GetUtcNow()), transaction, cancellationToken);
        }, cancellationToken);

    /// <summary>The member confirmed their seat and becomes active; a minor only once consent is recorded.</summary>
    public Task<Member> ConfirmAsync(string bodyId, Guid memberId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureConfirmable(member);
            var now = time.GetUtcNow();
            await MemberStore.SetActiveAsync(transaction, member.Id, now, cancellationToken);
            await MemberHistory.AddAsync(transaction, member.Id, actor, "confirmed", new { }, cancellationToken);
            await outbox.AddAsync(new MemberConfirmed(bodyId, member.PromotionId, member.Id, member.SeatGroup, member.Minor, now),
                transaction, cancellationToken);
        }, cancellationToken);

    /// <summary>A refusal, a missed deadline or a resignation; the caller then asks sortition for the substitute.</summary>
    public async Task<Departure> DepartAsync(string bodyId, Guid memberId, DepartureRequest request, string actor,
        CancellationToken cancellationToken)
    {
        Guid? drawId = null;
        var member = await ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureDeparture(member, request.Kind, time.GetUtcNow());
            await LeaveAsync(transaction, bodyId, member, request.Kind, request.Note?.Trim(), actor, cancellationToken);
            drawId = await MemberStore.DrawOfPromotionAsync(transaction, member.PromotionId, cancellationToken);
        }, cancellationToken);
        return new Departure(member, drawId);
    }

    /// <summary>A member who left and whose seat has no substitute yet (sortition was unreachable, or had none then).</summary>
    public async Task<Departure> VacantSeatAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        var (member, drawId, substituteDesignated) = await members.SeatAsync(bodyId, memberId, cancellationToken)
            ?? throw MemberStore.Unknown(bodyId, memberId);
        MemberTransitions.EnsureVacant(member, substituteDesignated);
        return new Departure(member, drawId);
    }

    /// <summary>A member changes their own e-mail and phone; the values are not written to the history, only that they changed.</summary>
    public Task<Member> UpdateOwnContactAsync(string bodyId, Guid memberId, OwnContactRequest request,
        CancellationToken cancellationToken) =>
        ChangeAsync(bodyId, memberId, async (transaction, member) =>
        {
            MemberTransitions.EnsureSeated(member);
            await MemberStore.SetContactAsync(transaction, member.Id, NullIfBlank(request.Email), NullIfBlank(request.Phone),
                cancellationToken);
            await MemberHistory.AddAsync(transaction, member.Id, member.Id.ToString(), "contact-updated", new { }, cancellationToken);
        }, cancellationToken);

    // ---- Reads of contact data, each logged ----

    public async Task<IReadOnlyList<MemberContact>> ContactsAsync(string bodyId, Guid promotionId, string? state, string actor,
        CancellationToken cancellationToken)
    {
        var contacts = await members.ContactsAsync(bodyId, promotionId, state, cancellationToken);
        await log.WriteAsync(new PersonalDataAccess(bodyId, null, actor, "member contact list", contacts.Count), null, cancellationToken);
        return contacts;
    }

    /// <summary>The members a service reaches (notifications), by id; the read is logged with the caller and the count.</summary>
    public async Task<IReadOnlyList<MemberContact>> ContactsOfAsync(string bodyId, IReadOnlyList<Guid> memberIds, string caller,
        CancellationToken cancellationToken)
    {
        var contacts = await members.ContactsOfAsync(bodyId, memberIds, cancellationToken);
        await log.WriteAsync(new PersonalDataAccess(bodyId, null, caller, "members' contact details for messages", contacts.Count), null,
            cancellationToken);
        return contacts;
    }

    public async Task<MemberContact?> ContactAsync(string bodyId, Guid memberId, string actor, string purpose,
        CancellationToken cancellationToken)
    {
        var contact = await members.ContactAsync(bodyId, memberId, cancellationToken);
        if (contact is not null)
        {
            await log.WriteAsync(new PersonalDataAccess(bodyId, null, actor, purpose, 1), null, cancellationToken);
        }
        return contact;
    }

    // ---- Helpers ----

    private async Task LeaveAsync(NpgsqlTransaction transaction, string bodyId, Member member, string state, string? note, string actor,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await MemberStore.SetLeftAsync(transaction, member.Id, state, now, cancellationToken);
        await MemberHistory.AddAsync(transaction, member.Id, actor, state, new { note, atelierId = member.AtelierId }, cancellationToken);
        await outbox.AddAsync(new MemberLeft(bodyId, member.PromotionId, member.Id, state, now), transaction, cancellationToken);
    }

    private async Task<Member> ChangeAsync(string bodyId, Guid memberId, Func<NpgsqlTransaction, Member, Task> change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var member = await members.LockAsync(transaction, bodyId, memberId, cancellationToken)
            ?? throw MemberStore.Unknown(bodyId, memberId);
        await change(transaction, member);
        await transaction.CommitAsync(cancellationToken);
        return (await members.FindAsync(memberId, cancellationToken))!;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
