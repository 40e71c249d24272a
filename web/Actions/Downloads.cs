using System.Globalization;
using Assemblee.Web.Clients;
using Assemblee.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Web.Actions;

/// <summary>
/// Documents the services issue, fetched with the visitor's token and handed to the browser as downloads: the month's
/// compensation export and any approved statement, and a campaign's letters, for the secretariat; a member's own statement.
/// </summary>
internal static class Downloads
{
    public static void MapDownloads(this WebApplication app)
    {
        var secretariat = app.MapGroup("/{bodyId}/secretariat/indemnites/{month}")
            .RequireAuthorization(WebAuthentication.BodySecretariat);
        secretariat.MapGet("/releves.csv", async (string bodyId, string month, CompensationClient compensation,
                CancellationToken cancellationToken) =>
            Download(Month(month) is { } read ? await compensation.ExportAsync(bodyId, read, cancellationToken) : null))
            .WithName("ExportStatementsDownload");
        secretariat.MapGet("/{memberId:guid}.pdf", async (string bodyId, string month, Guid memberId, CompensationClient compensation,
                CancellationToken cancellationToken) =>
            Download(Month(month) is { } read ? await compensation.PdfAsync(bodyId, read, memberId.ToString(), cancellationToken) : null))
            .WithName("StatementPdfDownload");
        app.MapGet("/{bodyId}/membres/indemnites/{month}.pdf", async (string bodyId, string month,
                CompensationClient compensation, CancellationToken cancellationToken) =>
            Download(Month(month) is { } read ? await compensation.PdfAsync(bodyId, read, "me", cancellationToken) : null))
            .RequireAuthorization(WebAuthentication.BodyMember)
            .WithName("MyStatementPdfDownload");
        app.MapGet("/{bodyId}/secretariat/campagnes/{campaignId:guid}/lettres.pdf", async (string bodyId, Guid campaignId,
                NotificationsClient notifications, CancellationToken cancellationToken) =>
            Download(await notifications.BatchAsync(bodyId, campaignId, cancellationToken)))
            .RequireAuthorization(WebAuthentication.BodySecretariat)
            .WithName("LetterBatchDownload");
    }

    /// <summary>A month as the addresses and the month picker write it (yyyy-MM); null for anything else.</summary>
    public static DateOnly? Month(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var read)
            ? read
            : null;

    private static Results<FileContentHttpResult, NotFound> Download(IssuedFile? file) =>
        file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
}
