using System.Security.Claims;
using Assemblee.Common.Actors;
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
}
