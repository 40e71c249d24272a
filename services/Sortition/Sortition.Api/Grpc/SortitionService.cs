using System.Text.Json;
using Assemblee.Common.Bodies;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Assemblee.Sortition.Grpc;

public sealed class SortitionService(BodyDirectory directory, DrawStore draws, FinalDraw finalDraw) : Contracts.Sortition.V1.Sortition.SortitionBase
{
    [AllowAnonymous]
    public override async Task ListBodies(ListBodiesRequest request, IServerStreamWriter<BodySummary> responseStream, ServerCallContext context)
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
        if (!Guid.TryParse(request.DrawId, out var drawId) || await draws.RecordAsync(drawId, context.CancellationToken) is not { } record)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No published record for draw '{request.DrawId}'."));
        }
        var reply = new DrawRecordReply { Commitment = record.Commitment, Drawn = record.IsDrawn, RecordJson = JsonSerializer.Serialize(record, SortitionJson.Options) };
        reply.CurrentMembers.AddRange(record.IsDrawn ? record.CurrentMembers() : []);
        return reply;
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<DesignateSubstituteReply> DesignateSubstitute(DesignateSubstituteRequest request, ServerCallContext context)
    {
        GrpcBodyScope.Require(context, request.BodyId, Roles.Secretariat);
        if (!Guid.TryParse(request.DrawId, out var drawId) || await draws.FindAsync(request.BodyId, drawId, context.CancellationToken) is not { } draw)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Body '{request.BodyId}' has no draw '{request.DrawId}'."));
        }
        if (string.IsNullOrWhiteSpace(request.Leaving) || string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Give the leaving member's id and a reason."));
        }
        var substitute = await finalDraw.ReplaceAsync(draw, request.Leaving, request.Reason.Trim(), context.CancellationToken);
        return new DesignateSubstituteReply { Substitute = substitute.RespondentId, SeatGroup = substitute.SeatGroup };
    }
}
