using Assemblee.ServiceDefaults.Authentication;

namespace Assemblee.Documents.Domain;

/// <summary>What is known of a caller for a document: their body roles, their membership, whether they were made co-author.</summary>
/// <param name="Membership">The promotion and atelier of an active member of the body; null for others.</param>
public sealed record Caller(string Subject, bool Secretariat, bool Executive, ActiveMembership? Membership, bool CoAuthor);

public sealed record ActiveMembership(Guid PromotionId, Guid? AtelierId);

/// <summary>
/// Who writes a document, and so reads its drafts: the body's secretariat, the active members of its atelier (of its promotion
/// when it has none), and the co-authors the secretariat names (the administration, the executive). The executive also starts
/// work mandates, which it proposes.
/// </summary>
public static class Writers
{
    /// <summary>The body roles that reach a document's routes at all; who writes a given document is decided by the rules below.</summary>
    public static readonly string[] Participants = [Roles.Secretariat, Roles.Member, Roles.Executive];

    public static bool MayWrite(Document document, Caller caller) =>
        caller.Secretariat || caller.CoAuthor ||
        caller.Membership is { } membership && membership.PromotionId == document.PromotionId &&
        (document.AtelierId is null || membership.AtelierId == document.AtelierId);

    public static bool MayStart(NewDocument request, Caller caller) =>
        caller.Secretariat || caller.Executive && request.Kind == DocumentKinds.WorkMandate ||
        caller.Membership is { } membership && membership.PromotionId == request.PromotionId &&
        (request.AtelierId is null || membership.AtelierId == request.AtelierId);
}
