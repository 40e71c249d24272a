using System.Security.Claims;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Veille.Application;
using Assemblee.Veille.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Veille.Apis;

/// <summary>
/// The guarantors' side of a referral a body's members made (drafted and submitted as a question of kind referral): they
/// acknowledge it, answer it, and may publish their opinion, which puts it in the public register.
/// </summary>
public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/api/veille/bodies/{bodyId}/referrals/{referralId:guid}").WithTags("Referrals")
            .ProducesRuleViolations();
        referrals.MapPost("/acknowledgement", AcknowledgeAsync).WithName("AcknowledgeReferral").RequireBodyRoles(Roles.Guarantor);
        referrals.MapPost("/answers", AnswerAsync).WithName("AnswerReferral")
            .WithSummary("The guarantors' answer, on form or substance.").RequireBodyRoles(Roles.Guarantor);
        referrals.MapPost("/opinion-publication", PublishAsync).WithName("PublishOpinion")
            .WithSummary("Makes the guarantors' opinion public, with the referral.").RequireBodyRoles(Roles.Guarantor);
        return app;
    }

    private static async Task<Ok<Question>> AcknowledgeAsync(string bodyId, Guid referralId, ClaimsPrincipal user,
        QuestionWorkflow workflow, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.AcknowledgeAsync(bodyId, referralId, QuestionsApi.As(user, Acting.Guarantors), cancellationToken));

    private static async Task<Results<Created<Answer>, ValidationProblem>> AnswerAsync(string bodyId, Guid referralId,
        AnswerRequest request, ClaimsPrincipal user, QuestionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var answer = await workflow.AnswerAsync(bodyId, referralId, request, QuestionsApi.As(user, Acting.Guarantors), cancellationToken);
        return TypedResults.Created($"/api/veille/bodies/{bodyId}/questions/{referralId}", answer);
    }

    private static async Task<Ok<Question>> PublishAsync(string bodyId, Guid referralId, ClaimsPrincipal user, QuestionWorkflow workflow,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.PublishOpinionAsync(bodyId, referralId, QuestionsApi.As(user, Acting.Guarantors),
            cancellationToken));
}
