using System.Net;
using Assemblee.Web.Clients;
using Assemblee.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Assemblee.Web.Actions;

/// <summary>What a member's space sends with a plain form (no script needed): the answer to a convocation.</summary>
public sealed record ConvocationForm(string? Answer, string? Reason);

/// <summary>
/// The members' space's forms post here; each action calls the service's API with the member's token, then returns to the page
/// with the outcome (post, redirect, get), so a reload never sends the form twice.
/// </summary>
internal static class MemberActions
{
    public static void MapMemberActions(this WebApplication app)
    {
        var space = app.MapGroup("/{bodyId}/membres").RequireAuthorization(WebAuthentication.BodyMember);
        space.MapPost("/convocations/{sessionId:guid}", async (string bodyId, Guid sessionId, [FromForm] ConvocationForm form,
            SessionsClient sessions, CancellationToken cancellationToken) =>
        {
            var status = await sessions.AnswerAsync(bodyId, sessionId, form.Answer ?? "", form.Reason, cancellationToken);
            var outcome = status switch
            {
                HttpStatusCode.NoContent or HttpStatusCode.OK => "enregistree",
                HttpStatusCode.BadRequest => "incomplete",
                _ => "refusee",
            };
            return Results.LocalRedirect($"/{Uri.EscapeDataString(bodyId)}/membres?reponse={outcome}#seance-{sessionId}");
        }).WithName("AnswerConvocationForm");
    }
}
