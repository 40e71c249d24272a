using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assemblee.Documents.Apis;

/// <summary>A published text for readers: where it stands and its fingerprint; the text itself in HTML.</summary>
/// <param name="SessionId">For minutes: the session they record.</param>
public sealed record PublishedView(Guid DocumentId, int Version, string Kind, string Title, Guid? SessionId, string Fingerprint,
    DateTimeOffset PublishedAt, string Html);

/// <summary>
/// Published texts are public at stable addresses (JSON, Markdown, HTML), each with the SHA-256 of its Markdown; the public
/// searches them in French. Drafts are never here.
/// </summary>
public static class PublicationsApi
{
    public static IEndpointRouteBuilder MapPublicationsApi(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/documents/bodies/{bodyId}").WithTags("Publications").ProducesRuleViolations();
        body.MapPost("/documents/{documentId:guid}/publication", PublishAsync).WithName("PublishDocument")
            .WithSummary("Publishes the validated document's current version.").RequireBodyRoles(Roles.Secretariat);
        // Published texts and their search are public by nature.
        body.MapGet("/published", ListAsync).WithName("ListPublished")
            .WithSummary("The body's published texts, newest first; ?sessionId= gives a session's minutes.").AllowAnonymous();
        body.MapGet("/published/{documentId:guid}", GetAsync).WithName("GetPublished").AllowAnonymous();
        body.MapGet("/published/{documentId:guid}.md", MarkdownAsync).WithName("GetPublishedMarkdown")
            .WithSummary("The published text; Repr-Digest carries the SHA-256 its fingerprint is.").AllowAnonymous();
        body.MapGet("/published/{documentId:guid}.html", HtmlAsync).WithName("GetPublishedHtml").AllowAnonymous();
        body.MapGet("/published/{documentId:guid}.pdf", PdfAsync).WithName("GetPublishedPdf")
            .WithSummary("The published text as PDF, its fingerprint on every page.").AllowAnonymous();
        body.MapGet("/search", SearchAsync).WithName("SearchPublished")
            .WithSummary("Full-text search in French over published texts (any inflection, accents folded), ranked, with excerpts.")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Created<PublishedView>> PublishAsync(string bodyId, Guid documentId, ClaimsPrincipal user,
        DocumentPublishing publishing, CancellationToken cancellationToken)
    {
        var publication = await publishing.PublishAsync(bodyId, documentId, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/documents/bodies/{bodyId}/published/{documentId}", View(publication));
    }

    private static async Task<Ok<IReadOnlyList<PublishedView>>> ListAsync(string bodyId, Guid? sessionId,
        PublicationStore publications, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PublishedView>>([.. (await publications.ListAsync(bodyId, cancellationToken))
            .Where(publication => sessionId is null || publication.SessionId == sessionId)
            .Select(publication => View(publication) with { Html = "" })]);

    private static async Task<Ok<PublishedView>> GetAsync(string bodyId, Guid documentId, PublicationStore publications,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(View(await PublishedAsync(bodyId, documentId, publications, cancellationToken)));

    private static async Task<ContentHttpResult> MarkdownAsync(string bodyId, Guid documentId, PublicationStore publications,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var publication = await PublishedAsync(bodyId, documentId, publications, cancellationToken);
        // RFC 9530: the digest of the representation, so a client can check what it received.
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(publication.Fingerprint))}:";
        return TypedResults.Text(publication.Markdown, "text/markdown; charset=utf-8");
    }

    private static async Task<ContentHttpResult> HtmlAsync(string bodyId, Guid documentId, PublicationStore publications,
        CancellationToken cancellationToken)
    {
        var publication = await PublishedAsync(bodyId, documentId, publications, cancellationToken);
        var title = Rendering.Encode(publication.Title);
        return TypedResults.Text($"""
            <!doctype html>
            <html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>
            <body><article>{Rendering.Html(publication.Markdown)}</article>
            <footer><p>Version {publication.Version}, publiée le {publication.PublishedAt:yyyy-MM-dd}.
            Empreinte SHA-256 du texte Markdown : <code>{publication.Fingerprint}</code></p></footer></body></html>
            """, "text/html; charset=utf-8");
    }

    private static async Task<FileContentHttpResult> PdfAsync(string bodyId, Guid documentId, PublicationStore publications,
        CancellationToken cancellationToken)
    {
        var publication = await PublishedAsync(bodyId, documentId, publications, cancellationToken);
        return TypedResults.File(PublishedPdf.Write(publication), "application/pdf", $"{publication.Kind}-{documentId}.pdf");
    }

    private static async Task<Results<Ok<IReadOnlyList<SearchHit>>, ValidationProblem>> SearchAsync(string bodyId, string? q, string? kind,
        Guid? promotionId, Guid? atelierId, PublicationStore publications, CancellationToken cancellationToken)
    {
        var query = new SearchQuery(q ?? "", kind, promotionId, atelierId);
        return query.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(await publications.SearchAsync(bodyId, query, cancellationToken));
    }

    private static async Task<Publication> PublishedAsync(string bodyId, Guid documentId, PublicationStore publications,
        CancellationToken cancellationToken) =>
        await publications.LatestAsync(bodyId, documentId, cancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has published no document {documentId}.");

    private static PublishedView View(Publication publication) => new(publication.DocumentId, publication.Version, publication.Kind,
        publication.Title, publication.SessionId, publication.Fingerprint, publication.PublishedAt, Rendering.Html(publication.Markdown));
}
