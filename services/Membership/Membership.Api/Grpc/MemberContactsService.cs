using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership.V1;
using Assemblee.Membership.Application;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Assemblee.Membership.Grpc;

/// <summary>Internal: notifications' read of the members it sends messages to (not routed by the gateway).</summary>
[BindServiceMethod(typeof(ReadableRequests<MemberContacts.MemberContactsBase>), ReadableRequests.BindMethod)]
public sealed class MemberContactsService(MemberLifecycle members) : MemberContacts.MemberContactsBase
{
    private const int MaxMembers = 1000;

    /// <summary>Only notifications' service credential; the body scope is the members' own body, applied by the read.</summary>
    [Authorize(Roles = Roles.Service)]
    public override async Task<GetContactsReply> GetContacts(GetContactsRequest request, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        if (request.MemberIds.Count is 0 or > MaxMembers)
        {
            throw GrpcArguments.Invalid($"member_ids must name between 1 and {MaxMembers} members.");
        }
        var ids = request.MemberIds.Select(id => GrpcArguments.Uuid(id, "member_ids")).ToList();
        var caller = GrpcServiceScope.Require(context, "notifications");
        var reply = new GetContactsReply();
        reply.Contacts.AddRange((await members.ContactsOfAsync(bodyId, ids, caller, context.CancellationToken)).Select(contact =>
            new Contact
            {
                MemberId = contact.Member.Id.ToString(),
                GivenName = contact.GivenName,
                FamilyName = contact.FamilyName ?? "",
                Email = contact.Email ?? "",
                Phone = contact.Phone ?? "",
                Minor = contact.Member.Minor,
                Address = contact.Address ?? "",
                Postcode = contact.Postcode ?? "",
            }));
        return reply;
    }
}
