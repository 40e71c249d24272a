using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Domain;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Assemblee.Sortition.Grpc;

/// <summary>Internal: membership's read of the people it must reach (not routed by the gateway).</summary>
[BindServiceMethod(typeof(ReadableRequests<DrawnPeople.DrawnPeopleBase>), ReadableRequests.BindMethod)]
public sealed class DrawnPeopleService(DrawnPeopleDisclosure disclosure) : DrawnPeople.DrawnPeopleBase
{
    private const int MaxPeople = 1000;

    /// <summary>Only membership's service credential; the body scope is the draw's own body, checked by the read.</summary>
    [Authorize(Roles = Roles.Service)]
    public override async Task<GetDrawnPeopleReply> GetDrawnPeople(GetDrawnPeopleRequest request, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        var drawId = GrpcArguments.Uuid(request.DrawId, "draw_id");
        if (request.RespondentIds.Count is 0 or > MaxPeople)
        {
            throw GrpcArguments.Invalid($"respondent_ids must name between 1 and {MaxPeople} people.");
        }
        var numbers = request.RespondentIds.Select(id => RespondentIds.TryParse(id, out var number)
            ? number
            : throw GrpcArguments.Invalid($"respondent_ids holds '{id[..Math.Min(id.Length, 20)]}', not an id like R0001.")).ToList();
        var caller = GrpcServiceScope.Require(context, "membership");
        var people = await disclosure.ReadAsync(bodyId, drawId, numbers, caller, context.CancellationToken);
        var reply = new GetDrawnPeopleReply();
        reply.People.AddRange(people.Select(person => person.ToMessage()));
        return reply;
    }
}
