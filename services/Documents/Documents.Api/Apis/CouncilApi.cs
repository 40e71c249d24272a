using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Documents.Apis;

/// <summary>
/// A text's road to the Council of Paris and after: the secretariat submits it and records the outcome; the secretariat and the
/// executive (its departments) record commitments and their progress, which are public.
/// </summary>
public static class CouncilApi
{
    public static IEndpointRouteBuilder MapCouncilApi(this IEndpointRouteBuilder app)
    {
        var document = app.MapGroup("/api/documents/bodies/{bodyId}/documents/{documentId:guid}").WithTags("Council")
            .ProducesRuleViolations();
        document.MapPost("/submission", SubmitAsync).WithName("SubmitToCouncil")
            .WithSummary("Submits a validated vœu or délibération to a Council session, under the Council's reference.")
            .RequireBodyRoles(Roles.Secretariat);
        document.MapPost("/council-outcome", OutcomeAsync).WithName("RecordCouncilOutcome")
            .WithSummary("Records what the Council decided, with the text it adopted when amended.").RequireBodyRoles(Roles.Secretariat);
        document.MapPost("/commitments", CommitAsync).WithName("AddCommitment")
            .WithSummary("Records what a department commits to do to carry out the adopted text.")
            .RequireBodyRoles(Roles.Secretariat, Roles.Executive);
        document.MapPost("/commitments/{commitmentId:guid}/updates", UpdateAsync).WithName("UpdateCommitment")
            .RequireBodyRoles(Roles.Secretariat, Roles.Executive);
        document.MapPost("/evaluation-missions", StartMissionAsync).WithName("StartEvaluationMission")
            .WithSummary("Starts a citizen evaluation mission on the adopted text, with the members who carry it.")
            .RequireBodyRoles(Roles.Secretariat);
        document.MapPut("/evaluation-missions/{missionId:guid}/report", LinkReportAsync).WithName("LinkEvaluationReport")
            .WithSummary("Links the report the mission wrote (a document of the body).").RequireBodyRoles(Roles.Secretariat);
        // The follow-up of an adopted text is public, as the text is.
        document.MapGet("/commitments", CommitmentsAsync).WithName("ListCommitments").AllowAnonymous();
        document.MapGet("/evaluation-missions", MissionsAsync).WithName("ListEvaluationMissions").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<Document>, ValidationProblem>> SubmitAsync(string bodyId, Guid documentId,
        CouncilSubmission submission, ClaimsPrincipal user, CouncilFollowUp followUp, CancellationToken cancellationToken) =>
        submission.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await followUp.SubmitAsync(bodyId, documentId, submission, user.Actor(), cancellationToken));

    private static async Task<Results<Ok<Document>, ValidationProblem>> OutcomeAsync(string bodyId, Guid documentId,
        CouncilOutcome outcome, ClaimsPrincipal user, CouncilFollowUp followUp, CancellationToken cancellationToken) =>
        outcome.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await followUp.RecordOutcomeAsync(bodyId, documentId, outcome, user.Actor(), cancellationToken));

    private static async Task<Results<Created<Commitment>, ValidationProblem>> CommitAsync(string bodyId, Guid documentId,
        CommitmentRequest request, ClaimsPrincipal user, CouncilFollowUp followUp, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var commitment = await followUp.CommitAsync(bodyId, documentId, request, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/documents/bodies/{bodyId}/documents/{documentId}/commitments", commitment);
    }

    private static async Task<Results<NoContent, ValidationProblem>> UpdateAsync(string bodyId, Guid documentId, Guid commitmentId,
        StatusUpdate update, ClaimsPrincipal user, CouncilFollowUp followUp, CancellationToken cancellationToken)
    {
        if (update.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        await followUp.UpdateAsync(bodyId, documentId, commitmentId, update, user.Actor(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<EvaluationMission>, ValidationProblem>> StartMissionAsync(string bodyId, Guid documentId,
        MissionRequest request, ClaimsPrincipal user, CouncilFollowUp followUp, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var mission = await followUp.StartMissionAsync(bodyId, documentId, request, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/documents/bodies/{bodyId}/documents/{documentId}/evaluation-missions", mission);
    }

    private static async Task<NoContent> LinkReportAsync(string bodyId, Guid documentId, Guid missionId, MissionReport report,
        ClaimsPrincipal user, CouncilFollowUp followUp, CancellationToken cancellationToken)
    {
        await followUp.LinkReportAsync(bodyId, documentId, missionId, report, user.Actor(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<EvaluationMission>>> MissionsAsync(string bodyId, Guid documentId, DocumentStore documents,
        CouncilStore council, CancellationToken cancellationToken) =>
        await documents.FindAsync(bodyId, documentId, cancellationToken) is
        { State: CouncilOutcomes.Adopted or CouncilOutcomes.AdoptedAsAmended }
            ? TypedResults.Ok(await council.MissionsAsync(documentId, cancellationToken))
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no text adopted by the Council under {documentId}.");

    private static async Task<Ok<IReadOnlyList<Commitment>>> CommitmentsAsync(string bodyId, Guid documentId, DocumentStore documents,
        CouncilStore council, CancellationToken cancellationToken) =>
        await documents.FindAsync(bodyId, documentId, cancellationToken) is
        { State: CouncilOutcomes.Adopted or CouncilOutcomes.AdoptedAsAmended }
            ? TypedResults.Ok(await council.CommitmentsAsync(documentId, cancellationToken))
            : throw RuleViolation.NotFound($"Body '{bodyId}' has no text adopted by the Council under {documentId}.");
}
