using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Assemblee.ServiceDefaults.Authentication;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Documents.Application;

/// <summary>
/// What documents must know of a caller to apply <see cref="Writers"/>: roles from the token, and for a member their promotion
/// and atelier now, asked of membership with documents' own credential (a member's atelier changes during the mandate).
/// </summary>
public sealed class Callers(MembershipClient membership, DocumentStore documents)
{
    public async Task<Caller> ResolveAsync(ClaimsPrincipal user, string bodyId, Guid? documentId, CancellationToken cancellationToken)
    {
        var subject = user.Actor();
        ActiveMembership? active = null;
        if (GrpcBodyScope.Allows(user, bodyId, [Roles.Member]) && Guid.TryParse(subject, out _))
        {
            var reply = await membership.IsActiveMemberAsync(new() { BodyId = bodyId, MemberId = subject },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
            active = reply.Active
                ? new ActiveMembership(Guid.Parse(reply.PromotionId), reply.AtelierId.Length > 0 ? Guid.Parse(reply.AtelierId) : null)
                : null;
        }
        var coAuthor = documentId is { } id && await documents.IsCoAuthorAsync(id, subject, cancellationToken);
        return new Caller(subject, GrpcBodyScope.Allows(user, bodyId, [Roles.Secretariat]),
            GrpcBodyScope.Allows(user, bodyId, [Roles.Executive]), active, coAuthor);
    }

    /// <summary>
    /// The document and what is known of the caller, if they may read it: drafts and validated texts are for their writers, and
    /// with <paramref name="executive"/> for the executive too (which amends them); anyone else gets NOT_FOUND.
    /// </summary>
    public async Task<(Document Document, Caller Caller)> ReadableAsync(ClaimsPrincipal user, string bodyId, Guid documentId,
        CancellationToken cancellationToken, bool executive = false)
    {
        var caller = await ResolveAsync(user, bodyId, documentId, cancellationToken);
        return await documents.FindAsync(bodyId, documentId, cancellationToken) is { } document &&
            (Writers.MayWrite(document, caller) || executive && caller.Executive)
            ? (document, caller)
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no document {documentId} you may read.");
    }
}
