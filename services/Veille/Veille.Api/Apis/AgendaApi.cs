using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Veille.Application;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Veille.Apis;

/// <summary>The bodies whose secretariat keeps the Council's agenda for the whole space (Veille:AgendaKeepers).</summary>
public sealed record AgendaKeepers(IReadOnlyList<string> Bodies);

/// <summary>
/// The Council of Paris's agenda: imported by the secretariat of a body that keeps it for the space (or the scheduled job), read
/// by anyone, as the Council publishes it.
/// </summary>
public static class AgendaApi
{
    public static IEndpointRouteBuilder MapAgendaApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/veille/bodies/{bodyId}").WithTags("Agenda").ProducesRuleViolations()
            .MapPost("/agenda-imports", ImportAsync).WithName("ImportAgenda")
            .WithSummary("Imports the Council's agenda (OParl-like JSON): what changed is updated, and the bodies following it alerted.")
            .RequireBodyRoles(Roles.Secretariat);
        // The Council's agenda and the notes bodies shared on it are public.
        var agenda = app.MapGroup("/api/veille/agenda").WithTags("Agenda").AllowAnonymous().ProducesRuleViolations();
        agenda.MapGet("/items", ListAsync).WithName("ListAgendaItems")
            .WithSummary("The agenda's items in meeting order; by meeting, commission, theme, or from a date.");
        agenda.MapGet("/items/{itemId}", GetAsync).WithName("GetAgendaItem");
        agenda.MapGet("/items/{itemId}/notes", SharedNotesAsync).WithName("ListSharedNotes")
            .WithSummary("The notes and analyses bodies shared on the item.");
        return app;
    }

    private static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportAsync(string bodyId, AgendaFile file,
        AgendaKeepers keepers, AgendaImporting importing, CancellationToken cancellationToken)
    {
        if (!keepers.Bodies.Contains(bodyId))
        {
            throw RuleViolation.Forbidden("not-agenda-keeper", "Not the agenda's keeper",
                "The Council's agenda is imported for the whole space by the secretariat of the body that keeps it.");
        }
        return AgendaImport.Validate(file) is { Count: > 0 } errors
            ? errors.Problem("The file is not imported: nothing was changed.")
            : TypedResults.Ok(await importing.ImportAsync(file, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<ScheduledItem>>> ListAsync(string? meetingId, string? commission, string? theme,
        DateTimeOffset? from, AgendaStore agenda, CancellationToken cancellationToken) =>
        TypedResults.Ok(await agenda.ListAsync(meetingId, commission, theme, from?.ToUniversalTime(), cancellationToken));

    private static async Task<Ok<ScheduledItem>> GetAsync(string itemId, AgendaStore agenda, CancellationToken cancellationToken) =>
        TypedResults.Ok(await agenda.RequireAsync(itemId, cancellationToken));

    private static async Task<Ok<IReadOnlyList<Note>>> SharedNotesAsync(string itemId, WatchStore watch, AgendaStore agenda,
        CancellationToken cancellationToken)
    {
        await agenda.RequireAsync(itemId, cancellationToken);
        return TypedResults.Ok(await watch.NotesAsync(itemId, null, cancellationToken));
    }
}
