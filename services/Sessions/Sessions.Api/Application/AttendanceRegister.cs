using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sessions;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Npgsql;

namespace Assemblee.Sessions.Application;

/// <summary>
/// Who attended: members check in and out with the room's code, the secretariat calls the roll and corrects with a reason.
/// Every recorded or corrected attendance publishes AttendanceRecorded in its transaction.
/// </summary>
public sealed class AttendanceRegister(SessionTransactions transactions, Outbox outbox)
{
    public Task<AttendanceRecord> CheckInAsync(string bodyId, Guid sessionId, Guid memberId, CheckIn checkIn,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: true, async (transaction, session, now) =>
        {
            await EnsureInvitedAsync(transaction, session, memberId, "You are not invited to this session.", cancellationToken);
            var code = await SessionStore.CheckInCodeAsync(transaction, session.Id, cancellationToken) ?? "";
            var existing = await AttendanceStore.FindAsync(transaction, session.Id, memberId, cancellationToken);
            AttendanceRules.EnsureCheckIn(session, code, checkIn.Code, existing, now);
            var record = new AttendanceRecord(session.Id, memberId, now, null, AttendanceMethods.CheckIn);
            if (!await AttendanceStore.AddAsync(transaction, record, memberId.ToString(), now, cancellationToken))
            {
                throw RuleViolation.Conflict("already-checked-in", "Already checked in", "Your arrival is already recorded.");
            }
            await PublishAsync(transaction, session, memberId, record, now, cancellationToken);
            return record;
        }, cancellationToken);

    public Task<AttendanceRecord> CheckOutAsync(string bodyId, Guid sessionId, Guid memberId, CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: true, async (transaction, session, now) =>
        {
            var existing = await AttendanceStore.FindAsync(transaction, session.Id, memberId, cancellationToken);
            AttendanceRules.EnsureCheckOut(session, existing, now);
            var record = existing! with { DepartedAt = now };
            await AttendanceStore.SetDepartureAsync(transaction, session.Id, memberId, now, cancellationToken);
            await PublishAsync(transaction, session, memberId, record, now, cancellationToken);
            return record;
        }, cancellationToken);

    /// <summary>Records the members the secretariat sees in the room; those already recorded keep their record.</summary>
    public Task<IReadOnlyList<AttendanceRecord>> CallRollAsync(string bodyId, Guid sessionId, RollCall rollCall, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
        {
            AttendanceRules.EnsureRollCall(session, now);
            var uninvited = new List<Guid>();
            foreach (var member in rollCall.Present)
            {
                if (!await ConvocationStore.IsInvitedAsync(transaction, session.Id, member, cancellationToken))
                {
                    uninvited.Add(member);
                }
            }
            if (uninvited.Count > 0)
            {
                throw RuleViolation.Unprocessable("not-invited", "Not invited",
                    "Some members named are not invited to this session; nothing was recorded.",
                    new Dictionary<string, object?> { ["uninvited"] = uninvited });
            }
            var arrival = AttendanceRules.RollCallArrival(session, now);
            var recorded = 0;
            foreach (var member in rollCall.Present)
            {
                var record = new AttendanceRecord(session.Id, member, arrival, null, AttendanceMethods.RollCall);
                if (await AttendanceStore.AddAsync(transaction, record, actor, now, cancellationToken))
                {
                    recorded++;
                    await PublishAsync(transaction, session, member, record, now, cancellationToken);
                }
            }
            await SessionStore.AddHistoryAsync(transaction, session.Id, actor, "roll-call", new
            {
                named = rollCall.Present.Count,
                recorded
            },
                cancellationToken);
            return await AttendanceStore.ListAsync(transaction, session.Id, cancellationToken);
        }, cancellationToken);

    /// <summary>Corrects one member's attendance; the audit keeps who, when, why, and what it was before.</summary>
    public Task<AttendanceRecord?> CorrectAsync(string bodyId, Guid sessionId, Guid memberId, AttendanceCorrection correction, string actor,
        CancellationToken cancellationToken) =>
        transactions.RunAsync(bodyId, sessionId, shared: false, async (transaction, session, now) =>
        {
            AttendanceRules.EnsureCorrection(session, correction, now);
            var before = await AttendanceStore.FindAsync(transaction, session.Id, memberId, cancellationToken);
            if (before is null)
            {
                await EnsureInvitedAsync(transaction, session, memberId, $"Member {memberId} is not invited to this session.",
                    cancellationToken);
            }
            var after = correction.Present
                ? new AttendanceRecord(session.Id, memberId, correction.ArrivedAt!.Value, correction.DepartedAt,
                    AttendanceMethods.Correction)
                : null;
            await AttendanceStore.ReplaceAsync(transaction, session.Id, memberId, after, actor, now, cancellationToken);
            await AttendanceStore.AddCorrectionAsync(transaction, session.Id,
                new AttendanceCorrectionEntry(memberId, now, actor, correction.Reason.Trim(), before, after), cancellationToken);
            await PublishAsync(transaction, session, memberId, after, now, cancellationToken);
            return after;
        }, cancellationToken);

    private static async Task EnsureInvitedAsync(NpgsqlTransaction transaction, Session session, Guid memberId, string refusal,
        CancellationToken cancellationToken)
    {
        if (!await ConvocationStore.IsInvitedAsync(transaction, session.Id, memberId, cancellationToken))
        {
            throw RuleViolation.NotFound(refusal);
        }
    }

    private Task PublishAsync(NpgsqlTransaction transaction, Session session, Guid memberId, AttendanceRecord? record, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        outbox.AddAsync(new AttendanceRecorded(session.BodyId, session.PromotionId, session.Id, memberId, record is not null,
            record?.ArrivedAt, record?.DepartedAt, record?.Method ?? AttendanceMethods.Correction, now), transaction, cancellationToken);
}
