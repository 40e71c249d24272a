using System.Globalization;
using Assemblee.Common.Rules;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assemblee.Sortition.Apis;

/// <summary>A draw's source lists: imported whole (streamed, of any size up to the limit), and how far each import got.</summary>
public static class ListsApi
{
    /// <summary>512 MiB: a Paris roll is about 100 MB; Sortition:MaxListBytes changes it.</summary>
    public const long DefaultMaxListBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/sortition/bodies/{bodyId}/draws/{drawId:guid}/lists").WithTags("Source lists")
            .RequireBodyRoles(Roles.Secretariat).ProducesRuleViolations();
        lists.MapPut("/{listName}", ImportAsync).WithName("ImportSourceList")
            .Accepts<string>("text/csv")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Imports a source list (CSV; UTF-8 unless the Content-Type declares windows-1252, iso-8859-1 or iso-8859-15), "
                + "whole or not at all; re-importing replaces it.");
        lists.MapGet("/", ListAsync).WithName("ListSourceLists").WithSummary("Each list of the draw and where its last import stands.");
        lists.MapGet("/{listName}", GetAsync).WithName("GetSourceList")
            .WithSummary("Where the list's last import stands: bytes received, rows read and refused so far, then the outcome.");
        return app;
    }

    private static async Task<Results<Ok<ImportedList>, NotFound, ProblemHttpResult>> ImportAsync(string bodyId, Guid drawId,
        string listName,
        HttpContext http, DrawStore draws, ListImport import, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await draws.FindAsync(bodyId, drawId, cancellationToken) is not { } draw)
        {
            return TypedResults.NotFound();
        }
        var limit = configuration.GetValue("Sortition:MaxListBytes", DefaultMaxListBytes);
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        if (ListEncodings.FromContentType(http.Request.ContentType) is not var (charset, encoding))
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported character set",
                Detail = $"Declare one of {string.Join(", ", ListEncodings.Supported)} "
                    + "(e.g. Content-Type: text/csv; charset=windows-1252).",
            });
        }
        // A list sent without its length (chunked) is stopped once past the limit; Kestrel then reads and drops the rest,
        // up to twice the limit, so that the 413 reaches the caller instead of a closed connection (a 502 behind a proxy).
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = 2 * limit;
        // The CSV parser reads synchronously on a thread of its own; the list is streamed, never buffered.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        try
        {
            var upload = new ListUpload(listName, charset, encoding, http.Request.Body, http.Request.ContentLength, limit);
            return TypedResults.Ok(await import.ImportAsync(draw, upload, cancellationToken));
        }
        catch (ListTooLargeException)
        {
            return TooLarge(limit);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<ListImportStatus>>, NotFound>> ListAsync(string bodyId, Guid drawId, DrawStore draws,
        ListImportStore imports, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await draws.FindAsync(bodyId, drawId, cancellationToken) is not { } draw)
        {
            return TypedResults.NotFound();
        }
        var known = (await imports.ListAsync(drawId, time.GetUtcNow(), cancellationToken)).ToDictionary(status => status.List);
        return TypedResults.Ok<IReadOnlyList<ListImportStatus>>(
            [.. draw.Specification.SourceLists.Select(list => known.GetValueOrDefault(list) ?? ListImportStatus.NotImported(list))]);
    }

    private static async Task<Results<Ok<ListImportStatus>, NotFound>> GetAsync(string bodyId, Guid drawId, string listName,
        DrawStore draws,
        ListImportStore imports, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await draws.FindAsync(bodyId, drawId, cancellationToken) is not { } draw || !draw.Specification.SourceLists.Contains(listName))
        {
            return TypedResults.NotFound();
        }
        var status = (await imports.ListAsync(drawId, time.GetUtcNow(), cancellationToken)).FirstOrDefault(status
            => status.List == listName);
        return TypedResults.Ok(status ?? ListImportStatus.NotImported(listName));
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "The list is too large",
        Detail = string.Create(CultureInfo.InvariantCulture,
            $"A list may have at most {limit:N0} bytes (Sortition:MaxListBytes); nothing was imported."),
    });
}
