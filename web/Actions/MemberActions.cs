using System.Net;
using Assemblee.Web.Clients;
using Assemblee.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Assemblee.Web.Actions;

/// <summary>
/// What a member's space sends with plain forms (no script needed); each form sends only its own fields, and the form mapper
/// asks for every constructor parameter, so they are settable properties.
/// </summary>
public sealed class MemberForm
{
    public string? Answer { get; set; }

    public string? Reason { get; set; }

    public string? Code { get; set; }

    public string? Option { get; set; }
}

/// <summary>
/// The members' space's forms post here; each action calls the service's API with the member's token, then returns to the page
/// with the outcome (post, redirect, get), so a reload never sends the form twice.
/// </summary>
internal static class MemberActions
{
    public static void MapMemberActions(this WebApplication app)
    {
        var space = app.MapGroup("/{bodyId}/membres").RequireAuthorization(WebAuthentication.BodyMember);
        space.MapPost("/seances/{sessionId:guid}/reponse", async (string bodyId, Guid sessionId, [FromForm] MemberForm form,
                SessionsClient sessions, CancellationToken cancellationToken) =>
            Back(bodyId, sessionId, "reponse",
                await sessions.AnswerAsync(bodyId, sessionId, form.Answer ?? "", form.Reason, cancellationToken)))
            .WithName("AnswerConvocationForm");
        space.MapPost("/seances/{sessionId:guid}/arrivee", async (string bodyId, Guid sessionId, [FromForm] MemberForm form,
                SessionsClient sessions, CancellationToken cancellationToken) =>
            Back(bodyId, sessionId, "arrivee", await sessions.CheckInAsync(bodyId, sessionId, form.Code ?? "", cancellationToken)))
            .WithName("CheckInForm");
        space.MapPost("/seances/{sessionId:guid}/votes/{voteId:guid}", async (string bodyId, Guid sessionId, Guid voteId,
                [FromForm] MemberForm form, SessionsClient sessions, CancellationToken cancellationToken) =>
            Back(bodyId, sessionId, "vote", await sessions.CastAsync(bodyId, voteId, form.Option ?? "", cancellationToken)))
            .WithName("CastBallotForm");
    }

    private static IResult Back(string bodyId, Guid sessionId, string action, Sent sent) =>
        Results.LocalRedirect(
            $"/{Uri.EscapeDataString(bodyId)}/membres?{Outcomes.Query(action, sent.Status, sent.Code)}#seance-{sessionId}");
}
