using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Veille.Apis;

/// <summary>A body's watch on the agenda: what it follows, the alerts it got, its notes on items (private until shared).</summary>
public static class WatchApi
{
    private static readonly string[] Insiders = [Roles.Secretariat, Roles.Member];

    public static IEndpointRouteBuilder MapWatchApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/veille/bodies/{bodyId}").WithTags("Watch").ProducesRuleViolations();
        body.MapGet("/follows", FollowsAsync).WithName("ListFollows").RequireBodyRoles(Insiders);
        body.MapPut("/follows/{targetKind}/{target}", FollowAsync).WithName("Follow")
            .WithSummary("Follows an agenda item (its id), a commission or a theme.").RequireBodyRoles(Insiders);
        body.MapDelete("/follows/{targetKind}/{target}", UnfollowAsync).WithName("Unfollow").RequireBodyRoles(Insiders);
        body.MapGet("/alerts", AlertsAsync).WithName("ListAlerts")
            .WithSummary("Changes to what the body follows, newest first: one per change, whatever led to it.").RequireBodyRoles(Insiders);
        body.MapGet("/items/{itemId}/notes", NotesAsync).WithName("ListNotes")
            .WithSummary("The body's notes on the item, and those other bodies shared.").RequireBodyRoles(Insiders);
        body.MapPost("/items/{itemId}/notes", WriteNoteAsync).WithName("WriteNote")
            .WithSummary("A press review, a decoding or an analysis of the item, private to the body.").RequireBodyRoles(Insiders);
        body.MapPost("/notes/{noteId:guid}/sharing", ShareNoteAsync).WithName("ShareNote")
            .WithSummary("Makes the body's note public.").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Follow>>> FollowsAsync(string bodyId, WatchStore watch,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await watch.FollowsAsync(bodyId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> FollowAsync(string bodyId, string targetKind, string target,
        ClaimsPrincipal user, WatchStore watch, AgendaStore agenda, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Follow.Validate(targetKind, target) is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var follow = new Follow(bodyId, targetKind, Follow.Normalize(targetKind, target));
        if (targetKind == Follow.Item)
        {
            await agenda.RequireAsync(follow.Target, cancellationToken);
        }
        await watch.FollowAsync(follow, user.Actor(), time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> UnfollowAsync(string bodyId, string targetKind, string target,
        WatchStore watch, CancellationToken cancellationToken)
    {
        if (Follow.Validate(targetKind, target) is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        return await watch.UnfollowAsync(new Follow(bodyId, targetKind, Follow.Normalize(targetKind, target)), cancellationToken)
            ? TypedResults.NoContent()
            : throw RuleViolation.NotFound($"Body '{bodyId}' does not follow {targetKind} '{target}'.");
    }

    private static async Task<Ok<IReadOnlyList<Alert>>> AlertsAsync(string bodyId, WatchStore watch, CancellationToken cancellationToken) =>
        TypedResults.Ok(await watch.AlertsAsync(bodyId, cancellationToken));

    /// <summary>An item the agenda does not have answers 404, not an empty list: whoever mistyped its id learns it.</summary>
    private static async Task<Ok<IReadOnlyList<Note>>> NotesAsync(string bodyId, string itemId, WatchStore watch, AgendaStore agenda,
        CancellationToken cancellationToken)
    {
        await agenda.RequireAsync(itemId, cancellationToken);
        return TypedResults.Ok(await watch.NotesAsync(itemId, bodyId, cancellationToken));
    }

    private static async Task<Results<Created<Note>, ValidationProblem>> WriteNoteAsync(string bodyId, string itemId, NoteRequest request,
        ClaimsPrincipal user, WatchStore watch, AgendaStore agenda, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        await agenda.RequireAsync(itemId, cancellationToken);
        var note = new Note(Guid.NewGuid(), bodyId, itemId, request.Kind, request.Title.Trim(), request.Markdown, time.GetUtcNow(), null);
        await watch.WriteNoteAsync(note, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/veille/bodies/{bodyId}/items/{itemId}/notes", note);
    }

    private static async Task<NoContent> ShareNoteAsync(string bodyId, Guid noteId, WatchStore watch, TimeProvider time,
        CancellationToken cancellationToken) =>
        await watch.ShareNoteAsync(bodyId, noteId, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no note {noteId}.");
}
