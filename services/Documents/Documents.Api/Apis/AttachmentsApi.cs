using System.Security.Claims;
using Assemblee.Common.Rules;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Documents.Apis;

/// <summary>
/// Files attached to a document: its writers send them (the raw file as the body, its type as Content-Type, its name in ?name=),
/// list and download them.
/// </summary>
public static class AttachmentsApi
{
    private const long DefaultMaxBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var attachments = app.MapGroup("/api/documents/bodies/{bodyId}/documents/{documentId:guid}/attachments").WithTags("Attachments")
            .ProducesRuleViolations();
        attachments.MapPost("/", AttachAsync).WithName("AttachFile")
            .WithSummary("Attaches a file: PDF, image, CSV or office document whose content matches its type, up to the size limit.")
            .RequireBodyRoles(Writers.Participants);
        attachments.MapGet("/", ListAsync).WithName("ListAttachments").RequireBodyRoles(Writers.Participants);
        attachments.MapGet("/{attachmentId:guid}", DownloadAsync).WithName("DownloadAttachment").RequireBodyRoles(Writers.Participants);
        return app;
    }

    private static async Task<Results<Created<Attachment>, ProblemHttpResult>> AttachAsync(string bodyId, Guid documentId, string? name,
        HttpRequest request, ClaimsPrincipal user, Callers callers, DocumentWriting writing, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var limit = configuration.GetValue("Documents:MaxAttachmentBytes", DefaultMaxBytes);
        var content = await ReadAtMostAsync(request, limit, cancellationToken);
        if (content is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"An attachment is at most {limit:N0} bytes.");
        }
        var caller = await callers.ResolveAsync(user, bodyId, documentId, cancellationToken);
        var attachment = await writing.AttachAsync(bodyId, documentId, name, request.ContentType, content, caller, cancellationToken);
        return TypedResults.Created($"/api/documents/bodies/{bodyId}/documents/{documentId}/attachments/{attachment.Id}", attachment);
    }

    private static async Task<Ok<IReadOnlyList<Attachment>>> ListAsync(string bodyId, Guid documentId, ClaimsPrincipal user,
        Callers callers, AttachmentStore attachments, CancellationToken cancellationToken)
    {
        await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        return TypedResults.Ok(await attachments.ListAsync(documentId, cancellationToken));
    }

    private static async Task<FileContentHttpResult> DownloadAsync(string bodyId, Guid documentId, Guid attachmentId, ClaimsPrincipal user,
        Callers callers, AttachmentStore attachments, HttpResponse response, CancellationToken cancellationToken)
    {
        await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        var (attachment, content) = await attachments.FindAsync(documentId, attachmentId, cancellationToken)
            ?? throw RuleViolation.NotFound($"The document has no attachment {attachmentId}.");
        // The browser shows what the type says, never what it guesses from the bytes.
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    /// <summary>The body, or null as soon as it passes the limit (never more than the limit is held in memory).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
