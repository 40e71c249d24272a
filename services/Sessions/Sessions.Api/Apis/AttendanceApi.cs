using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>The code the secretariat shows in the room.</summary>
public sealed record CheckInCode(string Code, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);

/// <summary>Attendance at a session: members check in and out; the secretariat shows the code, calls the roll and corrects.</summary>
public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/sessions/bodies/{bodyId}/sessions/{sessionId:guid}").WithTags("Attendance")
            .ProducesRuleViolations();
        session.MapGet("/check-in-code", CodeAsync).WithName("GetCheckInCode")
            .WithSummary("The code to show in the room, valid from half an hour before the session until its end.")
            .RequireBodyRoles(Roles.Secretariat);
        session.MapPost("/check-in", CheckInAsync).WithName("CheckIn")
            .WithSummary("The calling member arrives: once, with this session's code, during its window.").RequireBodyRoles(Roles.Member);
        session.MapPost("/check-out", CheckOutAsync).WithName("CheckOut").WithSummary("The calling member leaves.")
            .RequireBodyRoles(Roles.Member);
        session.MapPost("/roll-call", RollCallAsync).WithName("CallRoll")
            .WithSummary("Records the invited members the secretariat sees in the room; nothing if one of them is not invited.")
            .RequireBodyRoles(Roles.Secretariat);
        session.MapGet("/attendance", ListAsync).WithName("ListAttendance").RequireBodyRoles(Roles.Secretariat);
        session.MapPut("/attendance/{memberId:guid}", CorrectAsync).WithName("CorrectAttendance")
            .WithSummary("Corrects a member's attendance, with a reason the audit keeps.").RequireBodyRoles(Roles.Secretariat);
        session.MapGet("/attendance/corrections", CorrectionsAsync).WithName("ListAttendanceCorrections")
            .WithSummary("Who corrected whose attendance, when, why, and what it was before.").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Ok<CheckInCode>> CodeAsync(string bodyId, Guid sessionId, SessionStore sessions,
        CancellationToken cancellationToken)
    {
        var session = await sessions.FindAsync(bodyId, sessionId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no session {sessionId}.");
        var code = await sessions.CheckInCodeAsync(session.Id, cancellationToken)
            ?? throw RuleViolation.Conflict("not-convened", "Not convened", "A session gets its check-in code when it is convened.");
        return TypedResults.Ok(new CheckInCode(code, session.StartsAt - AttendanceRules.DoorsOpenBefore, session.EndsAt));
    }

    private static async Task<Results<Ok<AttendanceRecord>, ValidationProblem>> CheckInAsync(string bodyId, Guid sessionId,
        CheckIn checkIn, ClaimsPrincipal user, AttendanceRegister register, CancellationToken cancellationToken) =>
        checkIn.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await register.CheckInAsync(bodyId, sessionId, user.MemberId(), checkIn, cancellationToken));

    private static async Task<Ok<AttendanceRecord>> CheckOutAsync(string bodyId, Guid sessionId, ClaimsPrincipal user,
        AttendanceRegister register, CancellationToken cancellationToken) =>
        TypedResults.Ok(await register.CheckOutAsync(bodyId, sessionId, user.MemberId(), cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<AttendanceRecord>>, ValidationProblem>> RollCallAsync(string bodyId,
        Guid sessionId, RollCall rollCall, ClaimsPrincipal user, AttendanceRegister register, CancellationToken cancellationToken) =>
        rollCall.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await register.CallRollAsync(bodyId, sessionId, rollCall, user.Actor(), cancellationToken));

    private static async Task<Ok<IReadOnlyList<AttendanceRecord>>> ListAsync(string bodyId, Guid sessionId, SessionStore sessions,
        AttendanceStore attendance, CancellationToken cancellationToken) =>
        await sessions.FindAsync(bodyId, sessionId, cancellationToken) is { } session
            ? TypedResults.Ok(await attendance.ListAsync(session.Id, cancellationToken))
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no session {sessionId}.");

    private static async Task<Results<Ok<AttendanceRecord>, NoContent, ValidationProblem>> CorrectAsync(string bodyId, Guid sessionId,
        Guid memberId, AttendanceCorrection correction, ClaimsPrincipal user, AttendanceRegister register,
        CancellationToken cancellationToken)
    {
        if (correction.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        return await register.CorrectAsync(bodyId, sessionId, memberId, correction, user.Actor(), cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<AttendanceCorrectionEntry>>> CorrectionsAsync(string bodyId, Guid sessionId,
        SessionStore sessions, AttendanceStore attendance, CancellationToken cancellationToken) =>
        await sessions.FindAsync(bodyId, sessionId, cancellationToken) is { } session
            ? TypedResults.Ok(await attendance.CorrectionsAsync(session.Id, cancellationToken))
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no session {sessionId}.");
}
