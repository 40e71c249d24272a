using Assemblee.Common.Rules;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Engine.Lottery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Sortition.Apis;

/// <summary>What anyone may call: answering an invitation (the letter's code is the credential) and reading records.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sortition/respondents", RegisterAsync).WithTags("Respondents").WithName("AnswerInvitation")
            .WithSummary("An invitee answers with the code on their letter and their profile.").AllowAnonymous();
        var records = app.MapGroup("/api/sortition/draws/{drawId:guid}").WithTags("Records").AllowAnonymous();
        records.MapGet("/record", RecordAsync).WithName("GetDrawRecord")
            .WithSummary("The procès-verbal as JSON: published with its commitment before the draw, complete after it.");
        records.MapGet("/record.md", ReadableRecordAsync).WithName("GetReadableDrawRecord");
        return app;
    }

    private static async Task<Results<Created<Registered>, ValidationProblem>> RegisterAsync(RegistrationRequest request,
        RespondentRegistration registration, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.InvitationCode))
        {
            return new ValidationErrors().Add("invitationCode",
                new FieldRule("invitation-code", "The code printed on the letter is required.")).Problem();
        }
        var outcome = await registration.RegisterAsync(request, cancellationToken);
        return outcome.Registered is { } registered
            ? TypedResults.Created($"/api/sortition/draws/{registered.DrawId}/record", registered)
            : outcome.Errors.Problem("Some answers cannot be used.", "Invalid profile");
    }

    private static async Task<Results<Ok<DrawRecord>, NotFound>> RecordAsync(Guid drawId, DrawStore store,
        CancellationToken cancellationToken) =>
        await store.RecordAsync(drawId, cancellationToken) is { } record ? TypedResults.Ok(record) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> ReadableRecordAsync(Guid drawId, DrawStore store,
        CancellationToken cancellationToken) =>
        await store.RecordAsync(drawId, cancellationToken) is { } record
            ? TypedResults.Text(ProcesVerbal.Render(record), "text/markdown; charset=utf-8")
            : TypedResults.NotFound();
}
