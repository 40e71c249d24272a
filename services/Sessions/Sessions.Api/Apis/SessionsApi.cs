using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>The expected attendance of a convened session, from its members' answers.</summary>
public sealed record ExpectedAttendance(int Invited, int Attending, int Excused, int NoAnswer);

public sealed record ConvocationList(ExpectedAttendance Expected, IReadOnlyList<Convocation> Convocations);

/// <summary>Sessions: the secretariat plans, convenes and cancels them; members answer; the public reads the public ones.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/sessions/bodies/{bodyId}").WithTags("Sessions").ProducesRuleViolations();
        body.MapPost("/promotions/{promotionId:guid}/sessions", PlanAsync).WithName("PlanSession")
            .WithSummary("Plans a session (kind, agenda, place or link, times, atelier, guests, public or not).")
            .RequireBodyRoles(Roles.Secretariat);
        // Anyone reads public sessions; the body's secretariat and members read the others too (checked in the handler).
        body.MapGet("/promotions/{promotionId:guid}/sessions", ListAsync).WithName("ListSessions").AllowAnonymous();
        body.MapGet("/sessions/{sessionId:guid}", GetAsync).WithName("GetSession").AllowAnonymous();
        body.MapPost("/sessions/{sessionId:guid}/convocation", ConveneAsync).WithName("ConveneSession")
            .WithSummary("Convenes the session: every active member it concerns is invited, once; later ones as they become active.")
            .RequireBodyRoles(Roles.Secretariat);
        body.MapPost("/sessions/{sessionId:guid}/cancellation", CancelAsync).WithName("CancelSession").RequireBodyRoles(Roles.Secretariat);
        body.MapPut("/sessions/{sessionId:guid}", ReviseAsync).WithName("ReviseSession")
            .WithSummary("Moves a session or changes its details before it starts; invited members are told.")
            .RequireBodyRoles(Roles.Secretariat);
        body.MapPost("/sessions/{sessionId:guid}/postponement", PostponeAsync).WithName("PostponeSession")
            .WithSummary("Postpones a convened session to a date not yet known, with a reason.").RequireBodyRoles(Roles.Secretariat);
        body.MapPost("/sessions/{sessionId:guid}/closure", HoldAsync).WithName("RecordSessionHeld")
            .WithSummary("Records that the convened session took place.").RequireBodyRoles(Roles.Secretariat);
        body.MapGet("/sessions/{sessionId:guid}/convocations", ConvocationsAsync).WithName("ListConvocations")
            .WithSummary("Who is invited, their answers and the expected attendance.").RequireBodyRoles(Roles.Secretariat);
        body.MapPut("/sessions/{sessionId:guid}/convocations/me", AnswerAsync).WithName("AnswerConvocation")
            .WithSummary("The calling member attends, or is excused with a reason.").RequireBodyRoles(Roles.Member);
        return app;
    }

    private static async Task<Results<Created<Session>, ValidationProblem>> PlanAsync(string bodyId, Guid promotionId,
        SessionRequest request, ClaimsPrincipal user, SessionPlanning planning, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var session = await planning.PlanAsync(bodyId, promotionId, request, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/sessions/bodies/{bodyId}/sessions/{session.Id}", session);
    }

    private static async Task<Ok<IReadOnlyList<Session>>> ListAsync(string bodyId, Guid promotionId, ClaimsPrincipal user,
        SessionStore sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<Session>>(
            [.. (await sessions.ListAsync(bodyId, promotionId, cancellationToken)).Where(session => SessionAccess.CanRead(session, user))]);

    private static async Task<Ok<Session>> GetAsync(string bodyId, Guid sessionId, ClaimsPrincipal user, SessionStore sessions,
        CancellationToken cancellationToken) =>
        await sessions.FindAsync(bodyId, sessionId, cancellationToken) is { } session && SessionAccess.CanRead(session, user)
            ? TypedResults.Ok(session)
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no public session {sessionId}.");

    private static async Task<Ok<Session>> ConveneAsync(string bodyId, Guid sessionId, ClaimsPrincipal user, SessionPlanning planning,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await planning.ConveneAsync(bodyId, sessionId, user.Actor(), cancellationToken));

    private static async Task<Results<Ok<Session>, ValidationProblem>> CancelAsync(string bodyId, Guid sessionId,
        ChangeReason request, ClaimsPrincipal user, SessionPlanning planning, CancellationToken cancellationToken) =>
        request.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await planning.CancelAsync(bodyId, sessionId, request, user.Actor(), cancellationToken));

    private static async Task<Results<Ok<Session>, ValidationProblem>> ReviseAsync(string bodyId, Guid sessionId, SessionRequest request,
        ClaimsPrincipal user, SessionPlanning planning, CancellationToken cancellationToken) =>
        request.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await planning.ReviseAsync(bodyId, sessionId, request, user.Actor(), cancellationToken));

    private static async Task<Results<Ok<Session>, ValidationProblem>> PostponeAsync(string bodyId, Guid sessionId,
        ChangeReason request, ClaimsPrincipal user, SessionPlanning planning, CancellationToken cancellationToken) =>
        request.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await planning.PostponeAsync(bodyId, sessionId, request, user.Actor(), cancellationToken));

    private static async Task<Ok<Session>> HoldAsync(string bodyId, Guid sessionId, ClaimsPrincipal user, SessionPlanning planning,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await planning.HoldAsync(bodyId, sessionId, user.Actor(), cancellationToken));

    private static async Task<Ok<ConvocationList>> ConvocationsAsync(string bodyId, Guid sessionId, SessionStore sessions,
        ConvocationStore convocations, CancellationToken cancellationToken)
    {
        var session = await sessions.FindAsync(bodyId, sessionId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no session {sessionId}.");
        var list = await convocations.ListAsync(session.Id, cancellationToken);
        var expected = new ExpectedAttendance(list.Count, list.Count(c => c.Answer == ConvocationAnswer.Attending),
            list.Count(c => c.Answer == ConvocationAnswer.Excused), list.Count(c => c.AnsweredAt is null));
        return TypedResults.Ok(new ConvocationList(expected, list));
    }

    private static async Task<Results<NoContent, ValidationProblem>> AnswerAsync(string bodyId, Guid sessionId, ConvocationAnswer answer,
        ClaimsPrincipal user, ConvocationAnswers answers, CancellationToken cancellationToken)
    {
        if (answer.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        await answers.AnswerAsync(bodyId, sessionId, user.MemberId(), answer, cancellationToken);
        return TypedResults.NoContent();
    }
}
