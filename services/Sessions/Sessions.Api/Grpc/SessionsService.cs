using Assemblee.Common.Rules;
using Assemblee.Contracts.Sessions.V1;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using AgendaItem = Assemblee.Contracts.Sessions.V1.AgendaItem;
using DomainSession = Assemblee.Sessions.Domain.Session;
using DomainVote = Assemblee.Sessions.Domain.Vote;
using Session = Assemblee.Contracts.Sessions.V1.Session;
using Vote = Assemblee.Contracts.Sessions.V1.Vote;
using VoteResult = Assemblee.Contracts.Sessions.V1.VoteResult;

namespace Assemblee.Sessions.Grpc;

/// <summary>
/// Internal (the gateway does not route it): documents, veille and notifications read sessions, attendance, convocations and
/// votes, with their caller's token or their own service credential. Every call names its body; a caller without a role there
/// is refused.
/// </summary>
[Authorize]
[BindServiceMethod(typeof(ReadableRequests<Contracts.Sessions.V1.Sessions.SessionsBase>), ReadableRequests.BindMethod)]
public sealed class SessionsService(SessionStore sessions, AttendanceStore attendance, VoteStore votes, ConvocationStore convocations,
    TimeProvider time)
    : Contracts.Sessions.V1.Sessions.SessionsBase
{
    /// <summary>The services that read sessions with their own credential.</summary>
    private static readonly string[] Readers = ["documents", "veille", "notifications"];

    public override async Task<Session> GetSession(GetSessionRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        return ToMessage(await ReadableAsync(context, bodyId, GrpcArguments.Uuid(request.SessionId, "session_id")));
    }

    public override async Task ListSessions(ListSessionsRequest request, IServerStreamWriter<Session> responseStream,
        ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        var promotionId = GrpcArguments.Uuid(request.PromotionId, "promotion_id");
        var user = context.GetHttpContext().User;
        foreach (var session in (await sessions.ListAsync(bodyId, promotionId, context.CancellationToken))
            .Where(session => SessionAccess.CanRead(session, user)))
        {
            await responseStream.WriteAsync(ToMessage(session));
        }
    }

    public override async Task ListSessionAttendance(ListSessionAttendanceRequest request, IServerStreamWriter<Attendance> responseStream,
        ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        var session = await ReadableAsync(context, bodyId, GrpcArguments.Uuid(request.SessionId, "session_id"));
        RequireInsider(context, bodyId);
        foreach (var record in await attendance.ListAsync(session.Id, context.CancellationToken))
        {
            await responseStream.WriteAsync(ToMessage(record));
        }
    }

    public override async Task ListMemberAttendance(ListMemberAttendanceRequest request, IServerStreamWriter<Attendance> responseStream,
        ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        var memberId = GrpcArguments.Uuid(request.MemberId, "member_id");
        var user = context.GetHttpContext().User;
        if (!(user.IsInRole(Roles.Service) || GrpcBodyScope.Allows(user, bodyId, [Roles.Secretariat]) ||
            GrpcBodyScope.Allows(user, bodyId, [Roles.Member]) && user.FindFirst("sub")?.Value == memberId.ToString()))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "A member's attendance is read by the secretariat and the member."));
        }
        foreach (var record in await attendance.OfMemberAsync(bodyId, memberId, context.CancellationToken))
        {
            await responseStream.WriteAsync(ToMessage(record));
        }
    }

    public override async Task<Vote> GetVote(GetVoteRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        var vote = await votes.FindAsync(bodyId, GrpcArguments.Uuid(request.VoteId, "vote_id"), context.CancellationToken)
            ?? throw NotFound($"Body '{bodyId}' has no vote {request.VoteId}.");
        await ReadableAsync(context, bodyId, vote.SessionId);
        return ToMessage(vote);
    }

    public override async Task ListConvocations(ListConvocationsRequest request, IServerStreamWriter<Contracts.Sessions.V1.Convocation>
        responseStream, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        var session = await ReadableAsync(context, bodyId, GrpcArguments.Uuid(request.SessionId, "session_id"));
        RequireInsider(context, bodyId);
        foreach (var convocation in await convocations.ListAsync(session.Id, context.CancellationToken))
        {
            await responseStream.WriteAsync(new Contracts.Sessions.V1.Convocation
            {
                MemberId = convocation.MemberId.ToString(),
                Answer = convocation.Answer,
            });
        }
    }

    public override async Task<SessionCalendar> GetSessionCalendar(GetSessionRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId);
        var session = await ReadableAsync(context, bodyId, GrpcArguments.Uuid(request.SessionId, "session_id"));
        return new SessionCalendar { Ics = Calendars.SessionCalendar.Write(session.Title, [session], time.GetUtcNow()) };
    }

    /// <summary>Parses the body and refuses callers with no role in it (services calling with their credential aside).</summary>
    private static string Enter(ServerCallContext context, string body)
    {
        var bodyId = GrpcArguments.BodyId(body);
        if (context.GetHttpContext().User.IsInRole(Roles.Service))
        {
            GrpcServiceScope.Require(context, Readers);
        }
        else
        {
            GrpcBodyScope.Require(context, bodyId, Roles.Secretariat, Roles.Member, Roles.Executive);
        }
        return bodyId;
    }

    private static void RequireInsider(ServerCallContext context, string bodyId)
    {
        if (!SessionAccess.IsInsider(context.GetHttpContext().User, bodyId))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Attendance is read by the body's secretariat and members."));
        }
    }

    private async Task<DomainSession> ReadableAsync(ServerCallContext context, string bodyId, Guid sessionId) =>
        await sessions.FindAsync(bodyId, sessionId, context.CancellationToken) is { } session &&
            SessionAccess.CanRead(session, context.GetHttpContext().User)
            ? session
            : throw NotFound($"Body '{bodyId}' has no session {sessionId} you may read.");

    private static RpcException NotFound(string detail) => new(new Status(StatusCode.NotFound, detail));

    private static Session ToMessage(DomainSession session)
    {
        var message = new Session
        {
            Id = session.Id.ToString(),
            BodyId = session.BodyId,
            PromotionId = session.PromotionId.ToString(),
            AtelierId = session.AtelierId?.ToString() ?? "",
            Kind = session.Kind,
            Title = session.Title,
            StartsAt = GrpcArguments.Time(session.StartsAt),
            EndsAt = GrpcArguments.Time(session.EndsAt),
            State = session.State,
            Public = session.Public,
            Sequence = session.Sequence,
        };
        message.Agenda.AddRange(session.Agenda.Select(item => new AgendaItem
        {
            Title = item.Title,
            Speakers = { item.Speakers },
            DocumentIds = { item.DocumentIds.Select(id => id.ToString()) },
        }));
        return message;
    }

    private static Attendance ToMessage(AttendanceRecord record) => new()
    {
        SessionId = record.SessionId.ToString(),
        MemberId = record.MemberId.ToString(),
        ArrivedAt = GrpcArguments.Time(record.ArrivedAt),
        DepartedAt = record.DepartedAt is { } departed ? GrpcArguments.Time(departed) : "",
        Method = record.Method,
    };

    private static Vote ToMessage(DomainVote vote)
    {
        var message = new Vote
        {
            Id = vote.Id.ToString(),
            SessionId = vote.SessionId.ToString(),
            Question = vote.Question,
            Options = { vote.Options },
            Majority = vote.Majority,
            Secret = vote.Secret,
            State = vote.State,
            SubjectDocumentId = vote.Subject?.DocumentId.ToString() ?? "",
            SubjectPurpose = vote.Subject?.Purpose ?? "",
        };
        if (vote.Result is { } result)
        {
            message.Result = new VoteResult
            {
                Totals = { result.Totals.ToDictionary() },
                Cast = result.Cast,
                Expressed = result.Expressed,
                Winner = result.Winner ?? "",
                Decision = result.Decision,
                QuorumReached = result.Quorum.Reached,
                ClosedAt = vote.ClosedAt is { } closed ? GrpcArguments.Time(closed) : "",
            };
        }
        return message;
    }
}
