using System.Globalization;
using System.Security.Claims;
using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.Documents.Domain;
using Assemblee.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assemblee.Documents.Apis;

/// <summary>A document as a writer reads it: its text, each section rendered to safe HTML.</summary>
public sealed record DocumentView(Document Document, IReadOnlyList<string> SectionsHtml);

/// <summary>What changed between two versions: per section, word by word, as data and as HTML (del/ins).</summary>
public sealed record VersionDiff(int From, int To, IReadOnlyList<SectionDiff> Sections, string Html);

public sealed record CoAuthor(string Role);

/// <summary>A document in a list: what it is and where it stands, without its text.</summary>
public sealed record DocumentSummary(Guid Id, string Kind, string State, int Version, string Title, Guid? PromotionId, Guid? AtelierId,
    Guid? SessionId, DateTimeOffset UpdatedAt);

/// <summary>
/// Documents of a body: writers (the atelier's members, the secretariat, co-authors) start them, save versions against the
/// version they read (ETag / If-Match), compare versions; the secretariat names co-authors and records paper votes. Drafts are
/// shown only to writers; anyone else gets 404.
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/documents/bodies/{bodyId}/documents").WithTags("Documents").ProducesRuleViolations();
        documents.MapPost("/", StartAsync).WithName("StartDocument")
            .WithSummary("Starts a document (kind, promotion, atelier, title, sections in Markdown); its first version.")
            .RequireBodyRoles(Writers.Participants);
        documents.MapGet("/", ListAsync).WithName("ListDocuments")
            .WithSummary("The documents the caller writes, drafts included, the latest changed first (all of them for the secretariat).")
            .RequireBodyRoles(Writers.Participants);
        documents.MapGet("/{documentId:guid}", GetAsync).WithName("GetDocument")
            .WithSummary("The current version, with its ETag; drafts for their writers only.").RequireBodyRoles(Writers.Participants);
        documents.MapPut("/{documentId:guid}", SaveAsync).WithName("SaveDocument")
            .WithSummary("Saves a new version; If-Match names the version changed (412 with the current text when it is stale).")
            .RequireBodyRoles(Writers.Participants);
        documents.MapGet("/{documentId:guid}/versions", VersionsAsync).WithName("ListVersions").RequireBodyRoles(Writers.Participants);
        documents.MapGet("/{documentId:guid}/diff", DiffAsync).WithName("DiffVersions")
            .WithSummary("What changed between two versions, word by word.").RequireBodyRoles(Writers.Participants);
        documents.MapGet("/{documentId:guid}/history", HistoryAsync).WithName("DocumentHistory")
            .WithSummary("Every save and decision, with who or which vote.").RequireBodyRoles(Writers.Participants);
        documents.MapPut("/{documentId:guid}/co-authors/{subject}", GrantAsync).WithName("AddCoAuthor")
            .WithSummary("Lets an account of the administration or the executive write this document.").RequireBodyRoles(Roles.Secretariat);
        documents.MapPost("/{documentId:guid}/paper-vote", PaperVoteAsync).WithName("RecordPaperVote")
            .WithSummary("Records a paper vote's totals; more for than against validates the document.")
            .RequireBodyRoles(Roles.Secretariat);
        return app;
    }

    private static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> StartAsync(string bodyId,
        NewDocument request, ClaimsPrincipal user, Callers callers, DocumentWriting writing, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        if (!Writers.MayStart(request, await callers.ResolveAsync(user, bodyId, null, cancellationToken)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a writer",
                detail: "Documents are started by the secretariat, the active members of the atelier (or promotion) concerned, "
                + "and the executive for work mandates.");
        }
        var document = await writing.StartAsync(bodyId, request, user.Actor(), cancellationToken);
        response.Headers.ETag = ETag(document.Version);
        return TypedResults.Created($"/api/documents/bodies/{bodyId}/documents/{document.Id}", View(document));
    }

    private static async Task<Ok<IReadOnlyList<DocumentSummary>>> ListAsync(string bodyId, ClaimsPrincipal user, Callers callers,
        DocumentStore documents, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(user, bodyId, null, cancellationToken);
        var coAuthored = await documents.CoAuthoredAsync(bodyId, caller.Subject, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DocumentSummary>>([.. (await documents.ListAsync(bodyId, cancellationToken))
            .Where(document => Writers.MayWrite(document, caller with { CoAuthor = coAuthored.Contains(document.Id) }))
            .Select(document => new DocumentSummary(document.Id, document.Kind, document.State, document.Version, document.Title,
                document.PromotionId, document.AtelierId, document.SessionId, document.UpdatedAt))]);
    }

    private static async Task<Ok<DocumentView>> GetAsync(string bodyId, Guid documentId, ClaimsPrincipal user, Callers callers,
        DocumentStore documents, HttpResponse response, CancellationToken cancellationToken)
    {
        var (document, _) = await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        response.Headers.ETag = ETag(document.Version);
        return TypedResults.Ok(View(document));
    }

    private static async Task<Results<Ok<DocumentView>, ValidationProblem>> SaveAsync(string bodyId, Guid documentId, DocumentText text,
        [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, Callers callers, DocumentWriting writing,
        DocumentStore documents, HttpResponse response, CancellationToken cancellationToken)
    {
        var (current, caller) = await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        if (text.Validate(current.Kind) is { Count: > 0 } errors)
        {
            return errors.Problem();
        }
        var saved = await writing.SaveAsync(bodyId, documentId, text, Version(ifMatch), caller, cancellationToken);
        response.Headers.ETag = ETag(saved.Version);
        return TypedResults.Ok(View(saved));
    }

    private static async Task<Ok<IReadOnlyList<DocumentVersion>>> VersionsAsync(string bodyId, Guid documentId, ClaimsPrincipal user,
        Callers callers, DocumentStore documents, CancellationToken cancellationToken)
    {
        await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        return TypedResults.Ok(await documents.VersionsAsync(documentId, cancellationToken));
    }

    private static async Task<Ok<VersionDiff>> DiffAsync(string bodyId, Guid documentId, int from, int to, ClaimsPrincipal user,
        Callers callers, DocumentStore documents, CancellationToken cancellationToken)
    {
        await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        var versions = (await documents.VersionsAsync(documentId, cancellationToken)).ToDictionary(version => version.Number);
        if (!versions.TryGetValue(from, out var before) || !versions.TryGetValue(to, out var after))
        {
            throw RuleViolation.NotFound($"The document has versions 1 to {versions.Count}.");
        }
        var sections = TextDifference.Between(before.Sections, after.Sections);
        var html = string.Concat(sections.Select(section => $"<section><h2>{Rendering.Encode(section.Heading)}</h2>"
            + $"<p>{Rendering.Html(section.Parts)}</p></section>"));
        return TypedResults.Ok(new VersionDiff(from, to, sections, html));
    }

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> HistoryAsync(string bodyId, Guid documentId, ClaimsPrincipal user,
        Callers callers, DocumentStore documents, CancellationToken cancellationToken)
    {
        await callers.ReadableAsync(user, bodyId, documentId, cancellationToken);
        return TypedResults.Ok(await documents.HistoryAsync(documentId, cancellationToken));
    }

    private static async Task<Results<NoContent, ValidationProblem>> GrantAsync(string bodyId, Guid documentId, string subject,
        CoAuthor coAuthor, ClaimsPrincipal user, Callers callers, DocumentWriting writing, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(subject) && subject.Length <= 200, "subject",
                new FieldRule("account-id", "The account's identifier, 1 to 200 characters."))
            .Require(!string.IsNullOrWhiteSpace(coAuthor.Role) && coAuthor.Role.Length <= 100, "role", FieldRule.Text(100));
        if (errors.Count > 0)
        {
            return errors.Problem();
        }
        await writing.GrantAsync(bodyId, documentId, subject.Trim(), coAuthor.Role.Trim(),
            await callers.ResolveAsync(user, bodyId, documentId, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DocumentView>, ValidationProblem>> PaperVoteAsync(string bodyId, Guid documentId,
        PaperVote paper, ClaimsPrincipal user, DocumentValidation validation, CancellationToken cancellationToken) =>
        paper.Validate() is { Count: > 0 } errors
            ? errors.Problem()
            : TypedResults.Ok(View(await validation.ByPaperVoteAsync(bodyId, documentId, paper, user.Actor(), cancellationToken)));

    private static DocumentView View(Document document) =>
        new(document, [.. document.Sections.Select(section => Rendering.Html(section.Markdown))]);

    private static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an If-Match names ("3" or W/"3"); null when absent, unreadable versions included.</summary>
    private static int? Version(string? ifMatch) =>
        ifMatch?.Replace("W/", "").Trim().Trim('"') is { } value && int.TryParse(value, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
}
