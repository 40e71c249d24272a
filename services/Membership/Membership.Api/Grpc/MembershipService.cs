using Assemblee.Common.Rules;
using Assemblee.Contracts.Membership.V1;
using Assemblee.Membership.Data;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DomainMember = Assemblee.Membership.Domain.Member;

namespace Assemblee.Membership.Grpc;

/// <summary>
/// Internal to the cluster (the gateway does not route it). Bodies are public; member calls need a bearer token
/// (services forward their caller's) holding a role for the member's body, and never return contact data.
/// </summary>
[Authorize]
[BindServiceMethod(typeof(ReadableRequests<Contracts.Membership.V1.Membership.MembershipBase>), ReadableRequests.BindMethod)]
public sealed class MembershipService(BodyStore bodies, MemberStore members) : Contracts.Membership.V1.Membership.MembershipBase
{
    [AllowAnonymous]
    public override async Task<Body> GetBody(GetBodyRequest request, ServerCallContext context)
    {
        var body = await bodies.FindAsync(GrpcArguments.BodyId(request.BodyId), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No body '{request.BodyId}'."));
        return new Body
        {
            Id = body.Id,
            Name = body.Name,
            Kind = body.Kind,
            ContactEmail = body.Mailboxes.Contact ?? "",
            ExecutiveEmail = body.Mailboxes.Executive ?? "",
        };
    }

    /// <summary>Any role of the body may ask: what it returns is no more than the public roster shows.</summary>
    private static readonly string[] BodyRoles = [Roles.Secretariat, Roles.Member, Roles.Executive, Roles.Guarantor];

    /// <summary>The services that ask, with their own credential, whether their caller is an active member.</summary>
    private static readonly string[] MemberCheckers = ["documents", "sessions", "veille"];

    /// <summary>The services that list a promotion's members with their own credential.</summary>
    private static readonly string[] MemberListers = ["notifications"];

    public override async Task<IsActiveMemberReply> IsActiveMember(IsActiveMemberRequest request, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        var memberId = GrpcArguments.Uuid(request.MemberId, "member_id");
        if (context.GetHttpContext().User.IsInRole(Roles.Service))
        {
            GrpcServiceScope.Require(context, MemberCheckers);
        }
        else
        {
            GrpcBodyScope.Require(context, bodyId, BodyRoles);
        }
        var member = await members.ActiveAsync(bodyId, memberId, context.CancellationToken);
        return member is null
            ? new IsActiveMemberReply { Active = false }
            : new IsActiveMemberReply
            {
                Active = true,
                PromotionId = member.PromotionId.ToString(),
                AtelierId = member.AtelierId?.ToString() ?? "",
                AtelierRole = member.AtelierRole ?? "",
            };
    }

    public override async Task<Member> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        var member = await members.FindAsync(GrpcArguments.Uuid(request.MemberId, "member_id"), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No member '{request.MemberId}'."));
        GrpcBodyScope.Require(context, member.BodyId, BodyRoles);
        return ToMessage(member);
    }

    public override async Task ListMembers(ListMembersRequest request, IServerStreamWriter<Member> responseStream,
        ServerCallContext context)
    {
        var promotionId = GrpcArguments.Uuid(request.PromotionId, "promotion_id");
        var atelierId = GrpcArguments.OptionalUuid(request.AtelierId, "atelier_id");
        if (request.State.Length > 0 && !Domain.MemberStates.All.Contains(request.State))
        {
            throw GrpcArguments.Invalid($"state is one of: {string.Join(", ", Domain.MemberStates.All)}.");
        }
        var listed = await members.ListAsync(promotionId, atelierId, request.State.Length > 0 ? request.State : null,
            context.CancellationToken);
        if (context.GetHttpContext().User.IsInRole(Roles.Service))
        {
            // Notifications, to find whom a published text concerns (ids and display names, no contact data).
            GrpcServiceScope.Require(context, MemberListers);
        }
        else
        {
            // A promotion belongs to one body: its members' body is the one to check.
            foreach (var bodyId in listed.Select(member => member.BodyId).Distinct())
            {
                GrpcBodyScope.Require(context, bodyId, BodyRoles);
            }
        }
        foreach (var member in listed)
        {
            await responseStream.WriteAsync(ToMessage(member));
        }
    }

    private static Member ToMessage(DomainMember member) => new()
    {
        Id = member.Id.ToString(),
        BodyId = member.BodyId,
        PromotionId = member.PromotionId.ToString(),
        DisplayName = member.DisplayName,
        SeatGroup = member.SeatGroup,
        State = member.State,
        AtelierId = member.AtelierId?.ToString() ?? "",
        AtelierRole = member.AtelierRole ?? "",
        Minor = member.Minor,
    };
}
