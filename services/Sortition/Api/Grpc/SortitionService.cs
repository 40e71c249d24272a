using Assemblee.Contracts.Sortition.V1;
using Assemblee.Sortition.Data;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Assemblee.Sortition.Grpc;

public sealed class SortitionService(BodyDirectory directory) : Contracts.Sortition.V1.Sortition.SortitionBase
{
    [AllowAnonymous]
    public override async Task ListBodies(ListBodiesRequest request, IServerStreamWriter<BodySummary> responseStream, ServerCallContext context)
    {
        await foreach (var body in directory.ListAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new BodySummary { Id = body.Id, Name = body.Name });
        }
    }
}
