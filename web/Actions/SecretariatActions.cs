using System.Net;
using Assemblee.Web.Clients;
using Assemblee.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Assemblee.Web.Actions;

/// <summary>What the draw ceremony's form sends: the dice as thrown and the public beacon's value, each on one line.</summary>
public sealed class CeremonyForm
{
    public string? Dice { get; set; }

    public string? Beacon { get; set; }
}

/// <summary>The console's forms post here and return to the draw's page with the outcome (post, redirect, get).</summary>
internal static class SecretariatActions
{
    public static void MapSecretariatActions(this WebApplication app)
    {
        var draw = app.MapGroup("/{bodyId}/secretariat/tirages/{drawId:guid}").RequireAuthorization(WebAuthentication.BodySecretariat);
        draw.MapPost("/preparation", async (string bodyId, Guid drawId, SortitionClient sortition, CancellationToken cancellationToken) =>
            Back(bodyId, drawId, "preparation", await sortition.PrepareAsync(bodyId, drawId, cancellationToken)))
            .WithName("PrepareDrawForm");
        draw.MapPost("/ceremonie", async (string bodyId, Guid drawId, [FromForm] CeremonyForm form, SortitionClient sortition,
                CancellationToken cancellationToken) =>
            Back(bodyId, drawId, "tirage", await sortition.DrawPanelAsync(bodyId, drawId, form.Dice ?? "", form.Beacon ?? "",
                cancellationToken)))
            .WithName("DrawPanelForm");
    }

    private static IResult Back(string bodyId, Guid drawId, string action, HttpStatusCode status) =>
        Results.LocalRedirect($"/{Uri.EscapeDataString(bodyId)}/secretariat/tirages/{drawId}?{action}={Outcomes.Of(status)}");
}
