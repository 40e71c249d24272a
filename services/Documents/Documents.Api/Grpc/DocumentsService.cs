using Assemblee.Common.Rules;
using Assemblee.Contracts.Documents.V1;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Document = Assemblee.Contracts.Documents.V1.Document;
using Publication = Assemblee.Documents.Domain.Publication;

namespace Assemblee.Documents.Grpc;

/// <summary>
/// Internal (the gateway does not route it): veille, sessions and notifications read documents with their own credential, writers
/// with theirs;
/// published texts are public.
/// </summary>
[BindServiceMethod(typeof(ReadableRequests<Contracts.Documents.V1.Documents.DocumentsBase>), ReadableRequests.BindMethod)]
public sealed class DocumentsService(Callers callers, DocumentStore documents, PublicationStore publications)
    : Contracts.Documents.V1.Documents.DocumentsBase
{
    /// <summary>The services that read documents with their own credential.</summary>
    private static readonly string[] Readers = ["veille", "sessions", "notifications"];

    [Authorize]
    public override async Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        var documentId = GrpcArguments.Uuid(request.DocumentId, "document_id");
        var user = context.GetHttpContext().User;
        Domain.Document document;
        if (user.IsInRole(Roles.Service))
        {
            GrpcServiceScope.Require(context, Readers);
            document = await documents.FindAsync(bodyId, documentId, context.CancellationToken)
                ?? throw RuleViolation.NotFound($"Body '{bodyId}' has no document {documentId}.");
        }
        else
        {
            GrpcBodyScope.Require(context, bodyId, Domain.Writers.Participants);
            (document, _) = await callers.ReadableAsync(user, bodyId, documentId, context.CancellationToken);
        }
        return new Document
        {
            Id = document.Id.ToString(),
            BodyId = document.BodyId,
            PromotionId = document.PromotionId?.ToString() ?? "",
            AtelierId = document.AtelierId?.ToString() ?? "",
            SessionId = document.SessionId?.ToString() ?? "",
            Kind = document.Kind,
            State = document.State,
            Version = document.Version,
            Title = document.Title,
        };
    }

    [AllowAnonymous]
    public override async Task ListPublished(ListPublishedRequest request, IServerStreamWriter<Published> responseStream,
        ServerCallContext context)
    {
        foreach (var publication in await publications.ListAsync(GrpcArguments.BodyId(request.BodyId), context.CancellationToken))
        {
            await responseStream.WriteAsync(ToMessage(publication, withText: false));
        }
    }

    [AllowAnonymous]
    public override async Task<Published> GetPublished(GetDocumentRequest request, ServerCallContext context)
    {
        var bodyId = GrpcArguments.BodyId(request.BodyId);
        var documentId = GrpcArguments.Uuid(request.DocumentId, "document_id");
        var publication = await publications.LatestAsync(bodyId, documentId, context.CancellationToken)
            ?? throw RuleViolation.NotFound($"Body '{bodyId}' has published no document {documentId}.");
        return ToMessage(publication, withText: true);
    }

    private static Published ToMessage(Publication publication, bool withText) => new()
    {
        DocumentId = publication.DocumentId.ToString(),
        Version = publication.Version,
        Kind = publication.Kind,
        Title = publication.Title,
        Fingerprint = publication.Fingerprint,
        PublishedAt = GrpcArguments.Time(publication.PublishedAt),
        Markdown = withText ? publication.Markdown : "",
    };
}
