using System.Net;
using Assemblee.Web.Clients;
using Assemblee.Web.Forms;
using Assemblee.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Assemblee.Web.Actions;

/// <summary>What the console's draw forms send: the seed of the invitations, the dice and the beacon of the ceremony.</summary>
public sealed class DrawStepForm
{
    public string? Seed { get; set; }

    public string? Dice { get; set; }

    public string? Beacon { get; set; }
}

/// <summary>What the console's member forms send: a departure's kind and note, a minor's consent.</summary>
public sealed class MemberStepForm
{
    public string? Kind { get; set; }

    public string? Note { get; set; }

    public string? GuardianName { get; set; }

    public string? Relationship { get; set; }

    public string? Method { get; set; }

    public DateOnly? GivenOn { get; set; }
}

/// <summary>The console's forms post here and return to the draw's page with the outcome (post, redirect, get).</summary>
internal static class SecretariatActions
{
    /// <summary>Above sortition's own limit (512 MiB by default), so that the service is the one to refuse a list with 413.</summary>
    private const long MaxListUploadBytes = 1L << 30;

    /// <summary>Longer than any charset's name the console offers.</summary>
    private const int MaxCharsetLength = 32;

    /// <summary>Where the console's script puts the antiforgery token, so that checking it reads nothing of the list.</summary>
    private const string TokenHeader = "RequestVerificationToken";

    public static void MapSecretariatActions(this WebApplication app)
    {
        var member = app.MapGroup("/{bodyId}/secretariat/promotions/{promotionId:guid}/membres/{memberId:guid}")
            .RequireAuthorization(WebAuthentication.BodySecretariat);
        member.MapPost("/confirmation", async (string bodyId, Guid promotionId, Guid memberId, MembershipClient membership,
                CancellationToken cancellationToken) =>
            ToMembers(bodyId, promotionId, memberId, await membership.ConfirmAsync(bodyId, memberId, cancellationToken)))
            .WithName("ConfirmMemberForm");
        member.MapPost("/consentement", async (string bodyId, Guid promotionId, Guid memberId, [FromForm] MemberStepForm form,
                MembershipClient membership, CancellationToken cancellationToken) =>
            ToMembers(bodyId, promotionId, memberId, await membership.RecordConsentAsync(bodyId, memberId, new
            {
                guardianName = form.GuardianName,
                relationship = form.Relationship,
                method = form.Method,
                givenOn = form.GivenOn,
            }, cancellationToken)))
            .WithName("RecordConsentForm");
        member.MapPost("/depart", async (string bodyId, Guid promotionId, Guid memberId, [FromForm] MemberStepForm form,
                MembershipClient membership, CancellationToken cancellationToken) =>
            ToMembers(bodyId, promotionId, memberId, await membership.RecordDepartureAsync(bodyId, memberId, form.Kind ?? "",
                string.IsNullOrWhiteSpace(form.Note) ? null : form.Note, cancellationToken)))
            .WithName("RecordDepartureForm");

        var draw = app.MapGroup("/{bodyId}/secretariat/tirages/{drawId:guid}").RequireAuthorization(WebAuthentication.BodySecretariat);
        draw.MapPost("/listes/{list}", ImportListAsync).WithName("ImportListForm").DisableAntiforgery();
        draw.MapGet("/listes/{list}/etat", async Task<Results<Ok<SourceListStatus>, NotFound>> (string bodyId, Guid drawId,
                string list, SortitionClient sortition, CancellationToken cancellationToken) =>
            await sortition.ListStatusAsync(bodyId, drawId, list, cancellationToken) is { } status
                ? TypedResults.Ok(status)
                : TypedResults.NotFound())
            .WithName("ListImportProgress");
        draw.MapPost("/invitations", async (string bodyId, Guid drawId, [FromForm] DrawStepForm form, SortitionClient sortition,
                CancellationToken cancellationToken) =>
            Back(bodyId, drawId, "invitations", (await sortition.DrawInvitationsAsync(bodyId, drawId, form.Seed ?? "",
                cancellationToken)).Sent))
            .WithName("DrawInvitationsForm");
        draw.MapPost("/preparation", async (string bodyId, Guid drawId, SortitionClient sortition, CancellationToken cancellationToken) =>
            Back(bodyId, drawId, "preparation", await sortition.PrepareAsync(bodyId, drawId, cancellationToken)))
            .WithName("PrepareDrawForm");
        draw.MapPost("/ceremonie", async (string bodyId, Guid drawId, [FromForm] DrawStepForm form, SortitionClient sortition,
                CancellationToken cancellationToken) =>
            Back(bodyId, drawId, "tirage", await sortition.DrawPanelAsync(bodyId, drawId, form.Dice ?? "", form.Beacon ?? "",
                cancellationToken)))
            .WithName("DrawPanelForm");
    }

    /// <summary>
    /// A source list sent from the console (multipart: the charset, then the file), streamed on to sortition as it arrives.
    /// With the console's script the antiforgery token comes in a header, so the list is never held here; from a plain form
    /// (no script) ASP.NET Core reads the form whole to find the token, keeping the file in a temporary file until it is sent.
    /// </summary>
    private static async Task<RedirectHttpResult> ImportListAsync(string bodyId, Guid drawId, string list, HttpContext context,
        IAntiforgery antiforgery, ListUploadClient uploads, CancellationToken cancellationToken)
    {
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = MaxListUploadBytes;
        if (!context.Request.HasFormContentType)
        {
            throw new BadHttpRequestException("A list is sent as a form.");
        }
        await antiforgery.RequireValidTokenAsync(context);
        Sent sent;
        try
        {
            if (context.Request.Headers.ContainsKey(TokenHeader))
            {
                sent = await StreamListAsync(context.Request, (charset, csv) =>
                    uploads.ImportAsync(bodyId, drawId, list, charset, csv, cancellationToken));
            }
            else
            {
                var form = context.Request.Form;
                sent = form.Files.GetFile("File") is { Length: > 0 } file && Charset(form["Charset"]) is { } charset
                    ? (await uploads.ImportAsync(bodyId, drawId, list, charset, file.OpenReadStream(), cancellationToken)).Sent
                    : new(HttpStatusCode.BadRequest, null);
            }
        }
        catch (HttpRequestException)
        {
            // Sortition stopped reading before the end (a list far over its limit): the list's status on the page says why.
            sent = new(HttpStatusCode.BadGateway, null);
        }
        return Back(bodyId, drawId, "liste", sent);
    }

    /// <summary>
    /// Reads the form's sections in order: the charset, then the file, whose body is handed on unread. A body that is not
    /// multipart, or not well formed, is the sender's error (400 and the error page, not 500).
    /// </summary>
    private static async Task<Sent> StreamListAsync(HttpRequest request,
        Func<string, Stream, Task<Submitted<ImportedList>>> import)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new BadHttpRequestException("A list is sent as multipart/form-data.");
        }
        var reader = new MultipartReader(boundary, request.Body);
        string? charset = null;
        while (await ReadSectionAsync(reader) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition?.Name.Value == "Charset")
            {
                // A charset's name is short: the rest of an overlong field passes by unread instead of filling memory.
                var name = new char[MaxCharsetLength];
                charset = Charset(new string(name, 0, await new StreamReader(section.Body).ReadBlockAsync(name)));
            }
            else if (disposition?.Name.Value == "File" && disposition.IsFileDisposition() && charset is not null)
            {
                return (await import(charset, section.Body)).Sent;
            }
        }
        return new(HttpStatusCode.BadRequest, null);
    }

    private static async Task<MultipartSection?> ReadSectionAsync(MultipartReader reader)
    {
        try
        {
            return await reader.ReadNextSectionAsync();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            throw UnreadableForms.Refused(exception);
        }
    }

    private static string? Charset(string? declared) => ListUploadClient.Charsets.FirstOrDefault(charset => charset == declared);

    private static RedirectHttpResult ToMembers(string bodyId, Guid promotionId, Guid memberId, Sent sent) =>
        TypedResults.LocalRedirect($"/{Uri.EscapeDataString(bodyId)}/secretariat/promotions/{promotionId}"
            + $"?{Outcomes.Query("membre", sent.Status, sent.Code)}#membre-{memberId}");

    private static RedirectHttpResult Back(string bodyId, Guid drawId, string action, Sent sent) =>
        TypedResults.LocalRedirect($"/{Uri.EscapeDataString(bodyId)}/secretariat/tirages/{drawId}"
            + $"?{Outcomes.Query(action, sent.Status, sent.Code)}");
}
