using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Calendars;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sessions.Apis;

/// <summary>A member's private subscription link; the token in it is shown once.</summary>
public sealed record CalendarFeedLink(string Url);

/// <summary>Calendars: a file per session, the body's public feed, and each member's private feed behind a secret link.</summary>
public static class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/sessions/bodies/{bodyId}").WithTags("Calendars").ProducesRuleViolations();
        // The public feed holds public sessions only.
        body.MapGet("/calendar.ics", PublicFeedAsync).WithName("GetPublicCalendar")
            .WithSummary("The body's public sessions as an iCalendar feed.").AllowAnonymous();
        // Public sessions for anyone; the others for the body's secretariat and members (checked in the handler).
        body.MapGet("/sessions/{sessionId:guid}/calendar.ics", SessionFileAsync).WithName("GetSessionCalendar")
            .WithSummary("The session as an iCalendar file; the same UID with a higher SEQUENCE after every change.").AllowAnonymous();
        body.MapPost("/calendar-feeds/me", CreateFeedAsync).WithName("CreateCalendarFeed")
            .WithSummary("Creates the calling member's private feed link, revoking any previous one.").RequireBodyRoles(Roles.Member);
        body.MapDelete("/calendar-feeds/me", RevokeFeedAsync).WithName("RevokeCalendarFeed")
            .WithSummary("Revokes the calling member's private feed link.").RequireBodyRoles(Roles.Member);
        // Calendar applications poll without signing in: the secret token in the link is the credential, scoped to its body.
        body.MapGet("/calendar-feeds/{token}.ics", MemberFeedAsync).WithName("GetMemberCalendar")
            .WithSummary("The sessions a member is invited to, behind their secret link.").AllowAnonymous();
        return app;
    }

    private static async Task<ContentHttpResult> PublicFeedAsync(string bodyId, SessionStore sessions, TimeProvider time,
        CancellationToken cancellationToken) =>
        Calendar($"{bodyId} — séances publiques", await sessions.PublicAsync(bodyId, cancellationToken), time);

    private static async Task<ContentHttpResult> SessionFileAsync(string bodyId, Guid sessionId, ClaimsPrincipal user,
        SessionStore sessions, TimeProvider time, CancellationToken cancellationToken) =>
        await sessions.FindAsync(bodyId, sessionId, cancellationToken) is { } session && SessionAccess.CanRead(session, user)
            ? Calendar(session.Title, [session], time)
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no public session {sessionId}.");

    private static async Task<Created<CalendarFeedLink>> CreateFeedAsync(string bodyId, ClaimsPrincipal user, CalendarFeeds feeds,
        CancellationToken cancellationToken)
    {
        var url = $"/api/sessions/bodies/{bodyId}/calendar-feeds/{await feeds.CreateAsync(bodyId, user.MemberId(), cancellationToken)}.ics";
        return TypedResults.Created(url, new CalendarFeedLink(url));
    }

    private static async Task<NoContent> RevokeFeedAsync(string bodyId, ClaimsPrincipal user, CalendarFeeds feeds,
        CancellationToken cancellationToken) =>
        await feeds.RevokeAsync(bodyId, user.MemberId(), cancellationToken)
            ? TypedResults.NoContent()
            : throw RuleViolation.NotFound("You have no calendar link.");

    private static async Task<ContentHttpResult> MemberFeedAsync(string bodyId, string token, CalendarFeeds feeds, TimeProvider time,
        CancellationToken cancellationToken) =>
        await feeds.SessionsAsync(bodyId, token, cancellationToken) is { } sessions
            ? Calendar($"{bodyId} — mes séances", sessions, time)
            : throw RuleViolation.NotFound("This calendar link does not exist or was revoked.");

    private static ContentHttpResult Calendar(string name, IEnumerable<Session> sessions, TimeProvider time) =>
        TypedResults.Text(SessionCalendar.Write(name, sessions, time.GetUtcNow()), SessionCalendar.ContentType);
}
