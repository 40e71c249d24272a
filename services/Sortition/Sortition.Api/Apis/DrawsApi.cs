using System.Diagnostics;
using Assemblee.Common.Actors;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Workers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Assemblee.Sortition.Apis;

public sealed record InvitationDrawRequest(string Seed);

public sealed record InvitationDrawResponse(int Invitations, IReadOnlyDictionary<string, int> BySeatGroup, int Strata, double Seconds);

public sealed record FinalDrawRequest(string Dice, string Beacon);

public sealed record FinalDrawResponse(string Commitment, string Seed, int PanelIndex, IReadOnlyList<string> Members,
    IReadOnlyList<string> Substitutes);

public sealed record ReplacementRequest(string Leaving, string Reason);

public sealed record ReplacementResponse(string Leaving, string Substitute, string SeatGroup);

/// <summary>A body's draws, run by its secretariat only.</summary>
public static class DrawsApi
{
    public static IEndpointRouteBuilder MapDrawsApi(this IEndpointRouteBuilder app)
    {
        var draws = app.MapGroup("/api/sortition/bodies/{bodyId}/draws").WithTags("Draws").RequireBodyRoles(Roles.Secretariat)
            .ProducesRuleViolations();
        draws.MapPost("/", CreateAsync).WithName("CreateDraw").WithSummary("Creates a draw from its specification.");
        draws.MapGet("/", ListAsync).WithName("ListDraws");
        draws.MapGet("/{drawId:guid}", GetAsync).WithName("GetDraw");
        draws.MapPost("/{drawId:guid}/invitations", DrawInvitationsAsync).WithName("DrawInvitations")
            .WithSummary("Stage 1: draws the invitations and erases the uninvited.");
        draws.MapGet("/{drawId:guid}/invitations",
            LettersAsync).WithName("ListInvitationLetters").WithSummary("Letter data for the mail merge (logged).");
        draws.MapGet("/{drawId:guid}/respondents",
            RespondentsAsync).WithName("ListRespondents").WithSummary("Respondents with contact data (logged).");
        draws.MapPost("/{drawId:guid}/prepare", PrepareAsync).WithName("PrepareFinalDraw")
            .WithSummary("Stage 2: computes LEXIMIN, rounds it to the published panels and commits to them (runs in the background).");
        draws.MapPost("/{drawId:guid}/draw",
            DrawAsync).WithName("RunFinalDraw").WithSummary("Draws the panel with the dice and the beacon value.");
        draws.MapPost("/{drawId:guid}/replacements", ReplaceAsync).WithName("DesignateSubstitute");
        app.MapGet("/api/sortition/bodies/{bodyId}/draws/{drawId:guid}/personal-data-reads", ReadsAsync).WithTags("Draws")
            .WithName("ListPersonalDataReads").RequireBodyRoles(Roles.Secretariat, Roles.Guarantor);
        return app;
    }

    private static async Task<Results<Created<Draw>, ValidationProblem>> CreateAsync(string bodyId, DrawSpecification specification,
        DrawStore store,
        CancellationToken cancellationToken)
    {
        if (specification.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var draw = await store.CreateAsync(bodyId, specification, cancellationToken);
        return TypedResults.Created($"/api/sortition/bodies/{bodyId}/draws/{draw.Id}", draw);
    }

    private static async Task<Ok<IReadOnlyList<Draw>>> ListAsync(string bodyId, DrawStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(bodyId, cancellationToken));

    private static async Task<Results<Ok<Draw>, NotFound>> GetAsync(string bodyId, Guid drawId, DrawStore store,
        CancellationToken cancellationToken) =>
        await store.FindAsync(bodyId, drawId, cancellationToken) is { } draw ? TypedResults.Ok(draw) : TypedResults.NotFound();

    private static async Task<Results<Ok<InvitationDrawResponse>, NotFound, ValidationProblem>> DrawInvitationsAsync(
        string bodyId, Guid drawId, InvitationDrawRequest request, DrawStore store, InvitationDraw invitations,
            CancellationToken cancellationToken)
    {
        if (await store.FindAsync(bodyId, drawId, cancellationToken) is not { } draw)
        {
            return TypedResults.NotFound();
        }
        if (string.IsNullOrWhiteSpace(request.Seed) || request.Seed.Length > 200)
        {
            return new ValidationErrors().Add("seed",
                new FieldRule("seed", "Give the seed (1 to 200 characters) that makes this draw reproducible.")).Problem();
        }
        var watch = Stopwatch.StartNew();
        return await invitations.DrawAsync(draw, request.Seed, cancellationToken) is { } summary
            ? TypedResults.Ok(new InvitationDrawResponse(summary.Invitations, summary.BySeatGroup, summary.Strata,
                Math.Round(watch.Elapsed.TotalSeconds, 3)))
            : throw RuleViolation.Conflict("invitations-already-drawn", "Invitations already drawn",
                "The invitations of this draw have already been drawn.");
    }

    private static async Task<Results<Ok<IReadOnlyList<InvitationLetter>>, NotFound>> LettersAsync(string bodyId, Guid drawId,
        HttpContext http,
        DrawStore store, NpgsqlDataSource dataSource, PersonalDataLog log, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(bodyId, drawId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await InvitationLetters.ListAsync(dataSource, log, bodyId, drawId, http.User.Actor(), cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<RespondentView>>, NotFound>> RespondentsAsync(string bodyId, Guid drawId,
        HttpContext http,
        DrawStore store, RespondentStore respondents, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(bodyId, drawId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await respondents.ListAsync(bodyId, drawId, http.User.Actor(), cancellationToken));
    }

    private static async Task<Results<Accepted, NotFound>> PrepareAsync(string bodyId, Guid drawId, DrawStore store,
        PreparationQueue queue, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(bodyId, drawId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        if (!await store.TransitionAsync(drawId, [DrawStates.Invited, DrawStates.Infeasible], DrawStates.Preparing, cancellationToken))
        {
            throw RuleViolation.Conflict("cannot-prepare-now", "Cannot prepare now",
                "A draw is prepared once its invitations are out, and only once.");
        }
        queue.Enqueue(drawId);
        return TypedResults.Accepted($"/api/sortition/bodies/{bodyId}/draws/{drawId}");
    }

    private static async Task<Results<Ok<FinalDrawResponse>, NotFound, ValidationProblem>> DrawAsync(string bodyId, Guid drawId,
        FinalDrawRequest request, DrawStore store, FinalDraw finalDraw, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(bodyId, drawId, cancellationToken) is not { } draw)
        {
            return TypedResults.NotFound();
        }
        var errors = new ValidationErrors()
            .Require(IsLine(request.Dice), "dice", new FieldRule("dice", "Enter the dice as thrown, on one line."))
            .Require(IsLine(request.Beacon), "beacon", new FieldRule("beacon", "Enter the public beacon value, on one line."));
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        return await finalDraw.DrawAsync(draw, request.Dice, request.Beacon, cancellationToken) is { } record
            ? TypedResults.Ok(new FinalDrawResponse(record.Commitment, record.Seed!, record.PanelIndex!.Value, record.Members!,
                record.Substitutes!))
            : throw RuleViolation.Conflict("not-ready-to-draw", "Not ready to draw",
                $"The draw is {draw.State}; it must be prepared (and not yet drawn).");
    }

    private static async Task<Results<Ok<ReplacementResponse>, NotFound, ValidationProblem>> ReplaceAsync(string bodyId, Guid drawId,
        ReplacementRequest request, DrawStore store, FinalDraw finalDraw, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(bodyId, drawId, cancellationToken) is not { } draw)
        {
            return TypedResults.NotFound();
        }
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Leaving) && request.Leaving.Length <= 64, "leaving",
                new FieldRule("leaving", "The leaving member's respondent id."))
            .Require(!string.IsNullOrWhiteSpace(request.Reason) && request.Reason.Length <= 200, "reason",
                new FieldRule("seat-free-reason", "Why the seat is free (declined, no answer, resigned…), at most 200 characters."));
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        var substitute = await finalDraw.ReplaceAsync(draw, request.Leaving, request.Reason.Trim(), cancellationToken);
        return TypedResults.Ok(new ReplacementResponse(request.Leaving, substitute.RespondentId, substitute.SeatGroup));
    }

    private static async Task<Results<Ok<IReadOnlyList<PersonalDataRead>>, NotFound>> ReadsAsync(string bodyId, Guid drawId,
        DrawStore store,
        PersonalDataLog log, CancellationToken cancellationToken) =>
        await store.FindAsync(bodyId, drawId, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await log.ListAsync(bodyId, drawId.ToString(), cancellationToken));

    private static bool IsLine(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= 500 && value.IndexOfAny(['\n',
        '\r']) < 0;

}
