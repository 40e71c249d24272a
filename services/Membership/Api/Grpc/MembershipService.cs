using Assemblee.Contracts.Membership.V1;
using Assemblee.Membership.Data;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Assemblee.Membership.Grpc;

// Internal to the cluster (the gateway does not route it); body data is public anyway.
[AllowAnonymous]
public sealed class MembershipService(BodyStore store) : Contracts.Membership.V1.Membership.MembershipBase
{
    public override async Task<Body> GetBody(GetBodyRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.BodyId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "body_id is required."));
        }
        var body = await store.FindAsync(request.BodyId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No body '{request.BodyId}'."));
        return new Body { Id = body.Id, Name = body.Name, Kind = body.Kind };
    }
}
