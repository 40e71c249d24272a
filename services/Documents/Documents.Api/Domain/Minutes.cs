using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain;

/// <summary>What documents knows of the session that minutes record, as sessions said it.</summary>
public sealed record RecordedSession(Guid PromotionId, Guid? AtelierId, string State);

/// <summary>Minutes record one session of their body: the same promotion and atelier, and a session that was not cancelled.</summary>
public static class Minutes
{
    public static void EnsureRecords(NewDocument request, RecordedSession? session)
    {
        if (session is null)
        {
            throw RuleViolation.Unprocessable("unknown-session", "Unknown session", $"The body has no session {request.SessionId}.");
        }
        if (session.PromotionId != request.PromotionId || session.AtelierId != request.AtelierId)
        {
            throw RuleViolation.Unprocessable("another-groups-session", "Another group's session",
                "Minutes belong to the promotion and the atelier of the session they record.");
        }
        if (session.State == "cancelled")
        {
            throw RuleViolation.Unprocessable("cancelled-session", "Cancelled session", "A cancelled session has no minutes.");
        }
    }
}
