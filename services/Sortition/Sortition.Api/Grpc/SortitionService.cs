using System.Text.Json;
using Assemblee.Common.Bodies;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Lottery;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Assemblee.Sortition.Grpc;

[BindServiceMethod(typeof(ReadableRequests<Contracts.Sortition.V1.Sortition.SortitionBase>), ReadableRequests.BindMethod)]
public sealed class SortitionService(BodyDirectory directory, DrawStore draws,
    FinalDraw finalDraw) : Contracts.Sortition.V1.Sortition.SortitionBase
{
    [AllowAnonymous]
    public override async Task ListBodies(ListBodiesRequest request, IServerStreamWriter<BodySummary> responseStream,
        ServerCallContext context)
    {
        await foreach (var body in directory.ListAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new BodySummary { Id = body.Id, Name = body.Name });
        }
    }

    /// <summary>Published records are public.</summary>
    [AllowAnonymous]
    public override async Task<DrawRecordReply> GetDrawRecord(GetDrawRecordRequest request, ServerCallContext context)
    {
        if (await draws.RecordAsync(GrpcArguments.Uuid(request.DrawId, "draw_id"), context.CancellationToken) is not { } record)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No published record for draw '{request.DrawId}'."));
        }
        var reply = new DrawRecordReply
        {
            Commitment = record.Commitment,
            Drawn = record.IsDrawn,
            RecordJson = JsonSerializer.Serialize(record, SortitionJson.Options),
            Markdown = ProcesVerbal.Render(record),
        };
        reply.CurrentMembers.AddRange(record.IsDrawn ? record.CurrentMembers() : []);
        return reply;
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<DesignateSubstituteReply> DesignateSubstitute(DesignateSubstituteRequest request, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        var drawId = GrpcArguments.Uuid(request.DrawId, "draw_id");
        var leaving = GrpcArguments.Text(request.Leaving, "leaving", 64);
        var reason = GrpcArguments.Text(request.Reason, "reason");
        GrpcBodyScope.Require(context, bodyId, Roles.Secretariat);
        var draw = await draws.FindAsync(bodyId, drawId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Body '{bodyId}' has no draw '{drawId}'."));
        var substitute = await finalDraw.ReplaceAsync(draw, leaving, reason, context.CancellationToken);
        return new DesignateSubstituteReply { Substitute = substitute.RespondentId, SeatGroup = substitute.SeatGroup };
    }
}
