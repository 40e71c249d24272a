using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Veille.Application;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Veille.Apis;

/// <summary>A body's own list: each question with where it stands and whether it is overdue.</summary>
public sealed record QuestionSummary(Question Question, bool Overdue);

public sealed record Scheduling(Guid SessionId);

/// <summary>
/// Questions and interpellations of a body, and its referrals to the guarantors: its members draft, its secretariat validates,
/// invites other bodies, answers invitations and submits; the executive's office (of that body) rules on admissibility,
/// schedules and answers; the body reacts until it closes the question. Every route acts for the body in its path only.
/// </summary>
public static class QuestionsApi
{
    private static readonly string[] Insiders = [Roles.Secretariat, Roles.Member];

    public static IEndpointRouteBuilder MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        var questions = app.MapGroup("/api/veille/bodies/{bodyId}/questions").WithTags("Questions").ProducesRuleViolations();
        questions.MapPost("/", DraftAsync).WithName("DraftQuestion")
            .WithSummary("Drafts a question, an interpellation or a referral to the guarantors.").RequireBodyRoles(Insiders);
        questions.MapGet("/", ListAsync).WithName("ListBodyQuestions")
            .WithSummary("The body's questions, drafts included, and those it is invited to co-sign.").RequireBodyRoles(Insiders);
        questions.MapGet("/{questionId:guid}", GetAsync).WithName("GetQuestion")
            .WithSummary("A question with its co-signers, answers and timeline, for the bodies concerned and the executive.")
            .RequireBodyRoles(Roles.Secretariat, Roles.Member, Roles.Executive, Roles.Guarantor);
        questions.MapPut("/{questionId:guid}", EditAsync).WithName("EditQuestion").RequireBodyRoles(Insiders);
        questions.MapPost("/{questionId:guid}/validation", ValidateAsync).WithName("ValidateQuestion")
            .WithSummary("Records the body's validation: the vote in sessions that adopted it, or the decision taken.")
            .RequireBodyRoles(Roles.Secretariat);
        questions.MapPost("/{questionId:guid}/invitations", InviteAsync).WithName("InviteCoSigners")
            .WithSummary("Invites other bodies to co-sign.").RequireBodyRoles(Roles.Secretariat);
        questions.MapPost("/{questionId:guid}/cosignature", CoSignAsync).WithName("CoSignQuestion")
            .WithSummary("The invited body accepts, with its own validation, or declines; once.").RequireBodyRoles(Roles.Secretariat);
        questions.MapPost("/{questionId:guid}/submission", SubmitAsync).WithName("SubmitQuestion")
            .WithSummary("Submits a validated question (the secretariat) or a referral (a member or the secretariat).")
            .RequireBodyRoles(Insiders);
        questions.MapPost("/{questionId:guid}/ruling", RuleAsync).WithName("RuleOnAdmissibility")
            .WithSummary("The executive's office: admissible, inadmissible with a reason, or merged with another question.")
            .RequireBodyRoles(Roles.Executive);
        questions.MapPost("/{questionId:guid}/scheduling", ScheduleAsync).WithName("ScheduleQuestion")
            .WithSummary("Schedules an oral question or interpellation in an exchange session (sessions' veille-exchange).")
            .RequireBodyRoles(Roles.Executive);
        questions.MapPost("/{questionId:guid}/answers", AnswerAsync).WithName("AnswerQuestion")
            .WithSummary("The executive answers: who, the text, attachments.").RequireBodyRoles(Roles.Executive);
        questions.MapPost("/{questionId:guid}/reaction", ReactAsync).WithName("ReactToAnswer")
            .WithSummary("The body is satisfied (the question closes) or asks for a follow-up.").RequireBodyRoles(Roles.Secretariat);
        questions.MapPost("/{questionId:guid}/closing", CloseAsync).WithName("CloseQuestion").RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Results<Created<Question>, ValidationProblem>> DraftAsync(string bodyId, QuestionDraft draft,
        ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (draft.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var question = await workflow.DraftAsync(bodyId, draft, ForBody(user, bodyId), cancellationToken);
        return TypedResults.Created($"/api/veille/bodies/{bodyId}/questions/{question.Id}", question);
    }

    private static async Task<Ok<IReadOnlyList<QuestionSummary>>> ListAsync(string bodyId, QuestionStore store, QuestionReading reading,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<QuestionSummary>>([.. (await store.OfBodyAsync(bodyId, cancellationToken))
            .Select(question => new QuestionSummary(question, reading.IsOverdue(question)))]);

    private static async Task<Ok<QuestionView>> GetAsync(string bodyId, Guid questionId, ClaimsPrincipal user, QuestionReading reading,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await reading.ForBodyAsync(questionId, bodyId, GrpcBodyScope.Allows(user, bodyId, Insiders),
            GrpcBodyScope.Allows(user, bodyId, [Roles.Executive]), GrpcBodyScope.Allows(user, bodyId, [Roles.Guarantor]),
                cancellationToken));

    private static async Task<Results<Ok<Question>, ValidationProblem>> EditAsync(string bodyId, Guid questionId, QuestionDraft draft,
        ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        draft.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await workflow.EditAsync(bodyId, questionId, draft, ForBody(user, bodyId), cancellationToken));

    private static async Task<Results<Ok<Question>, ValidationProblem>> ValidateAsync(string bodyId, Guid questionId,
        BodyDecision decision, ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        decision.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await workflow.ValidateAsync(bodyId, questionId, decision, ForBody(user, bodyId), cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<CoSigner>>, ValidationProblem>> InviteAsync(string bodyId, Guid questionId,
        Invitation invitation, ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        invitation.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await workflow.InviteAsync(bodyId, questionId, invitation, ForBody(user, bodyId), cancellationToken));

    private static async Task<Results<Ok<Question>, ValidationProblem>> CoSignAsync(string bodyId, Guid questionId, CoSigning answer,
        ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        answer.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await workflow.CoSignAsync(bodyId, questionId, answer, ForBody(user, bodyId), cancellationToken));

    private static async Task<Ok<Question>> SubmitAsync(string bodyId, Guid questionId, ClaimsPrincipal user, QuestionWorkflow workflow,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.SubmitAsync(bodyId, questionId, ForBody(user, bodyId),
            GrpcBodyScope.Allows(user, bodyId, [Roles.Secretariat]), cancellationToken));

    private static async Task<Results<Ok<Question>, ValidationProblem>> RuleAsync(string bodyId, Guid questionId, Ruling ruling,
        ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        ruling.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await workflow.RuleAsync(bodyId, questionId, ruling, As(user, Acting.Executive), cancellationToken));

    private static async Task<Ok<Question>> ScheduleAsync(string bodyId, Guid questionId, Scheduling scheduling, ClaimsPrincipal user,
        QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.ScheduleAsync(bodyId, questionId, scheduling.SessionId, As(user, Acting.Executive),
            cancellationToken));

    private static async Task<Results<Created<Answer>, ValidationProblem>> AnswerAsync(string bodyId, Guid questionId,
        AnswerRequest request, ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var answer = await workflow.AnswerAsync(bodyId, questionId, request, As(user, Acting.Executive), cancellationToken);
        return TypedResults.Created($"/api/veille/bodies/{bodyId}/questions/{questionId}", answer);
    }

    private static async Task<Results<Ok<Question>, ValidationProblem>> ReactAsync(string bodyId, Guid questionId, Reaction reaction,
        ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        reaction.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await workflow.ReactAsync(bodyId, questionId, reaction, ForBody(user, bodyId), cancellationToken));

    private static async Task<Ok<Question>> CloseAsync(string bodyId, Guid questionId, ClaimsPrincipal user, QuestionWorkflow workflow,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.CloseAsync(bodyId, questionId, ForBody(user, bodyId), cancellationToken));

    internal static Acting ForBody(ClaimsPrincipal user, string bodyId) => new(user.Actor(), bodyId);

    internal static Acting As(ClaimsPrincipal user, string office) => new(user.Actor(), office);
}
