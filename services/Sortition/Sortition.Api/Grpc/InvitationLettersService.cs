using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Sortition.V1;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Assemblee.Sortition.Data;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using LetterMessage = Assemblee.Contracts.Sortition.V1.InvitationLetter;

namespace Assemblee.Sortition.Grpc;

/// <summary>Internal: notifications' read of the letters it prints (not routed by the gateway).</summary>
[BindServiceMethod(typeof(ReadableRequests<Contracts.Sortition.V1.InvitationLetters.InvitationLettersBase>), ReadableRequests.BindMethod)]
public sealed class InvitationLettersService(DrawStore draws, NpgsqlDataSource dataSource, PersonalDataLog log)
    : Contracts.Sortition.V1.InvitationLetters.InvitationLettersBase
{
    /// <summary>Only notifications' service credential; the read is logged with the caller and the number of letters.</summary>
    [Authorize(Roles = Roles.Service)]
    public override async Task ListInvitationLetters(ListInvitationLettersRequest request,
        IServerStreamWriter<LetterMessage> responseStream, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        var drawId = GrpcArguments.Uuid(request.DrawId, "draw_id");
        var caller = GrpcServiceScope.Require(context, "notifications");
        _ = await draws.FindAsync(bodyId, drawId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Body '{bodyId}' has no draw '{drawId}'."));
        foreach (var letter in await Data.InvitationLetters.ListAsync(dataSource, log, bodyId, drawId, caller, context.CancellationToken))
        {
            await responseStream.WriteAsync(new LetterMessage
            {
                Code = letter.Code,
                SeatGroup = letter.SeatGroup,
                FamilyName = letter.FamilyName,
                GivenName = letter.GivenName,
                Address = letter.Address,
                Postcode = letter.Postcode,
            }, context.CancellationToken);
        }
    }
}
