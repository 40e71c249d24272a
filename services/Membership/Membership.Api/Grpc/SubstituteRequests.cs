using Assemblee.Contracts.Sortition.V1;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Grpc.Core;
using SortitionClient = Assemblee.Contracts.Sortition.V1.Sortition.SortitionClient;

namespace Assemblee.Membership.Grpc;

/// <summary>What became of a request for a substitute.</summary>
/// <param name="Status">designated; no-substitute (no one left keeps the quotas: the body decides); not-drawn (the
/// promotion does not come from a draw); refused (sortition refused the caller or knows no such draw); unavailable (sortition
/// did not answer: retry with POST …/replacement).</param>
public sealed record ReplacementOutcome(string Status, string? SubstituteRespondentId, string? Detail);

/// <summary>
/// Asks sortition for the next substitute keeping every quota. The secretariat's own token goes with the call:
/// sortition lets only the body's secretariat designate substitutes and records who asked.
/// </summary>
public sealed class SubstituteRequests(SortitionClient sortition, MemberStore members, ILogger<SubstituteRequests> logger)
{
    public async Task<ReplacementOutcome> RequestAsync(string bodyId, Departure departure, string authorization,
        CancellationToken cancellationToken)
    {
        if (departure.DrawId is not { } drawId || departure.Member.RespondentId is not { } respondentId)
        {
            return new("not-drawn", null,
                "This promotion's members do not come from a draw on the platform; the secretariat fills the seat.");
        }
        var request = new DesignateSubstituteRequest
        {
            BodyId = bodyId,
            DrawId = drawId.ToString(),
            Leaving = respondentId,
            Reason = departure.Member.State
        };
        try
        {
            var reply = await sortition.DesignateSubstituteAsync(request, new Metadata { { "authorization", authorization } },
                deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
            await members.RecordSubstituteAsync(departure.Member.Id, reply.Substitute, cancellationToken);
            return new("designated", reply.Substitute,
                $"{reply.Substitute} takes the seat in '{reply.SeatGroup}'; they appear here as drawn once sortition's event arrives.");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            return new("no-substitute", null, ex.Status.Detail);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.NotFound)
        {
            return new("refused", null, $"Sortition refused: {ex.Status.Detail}");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
            or StatusCode.Internal or StatusCode.Unknown)
        {
            logger.LogWarning("Sortition did not designate a substitute for a member of {BodyId}: {Status}", bodyId, ex.StatusCode);
            return new("unavailable", null, "Sortition did not answer; the departure is recorded. Ask again with POST …/replacement.");
        }
    }
}
