namespace Assemblee.Web.Clients;

/// <summary>A published text: kind, title, version, its SHA-256 fingerprint and, when read alone, its sanitised HTML.</summary>
public sealed record PublishedText(Guid DocumentId, int Version, string Kind, string Title, Guid? SessionId, string Fingerprint,
    DateTimeOffset PublishedAt, string Html);

/// <summary>A search result; its excerpt is HTML that documents built and sanitised, the matched words in bold.</summary>
public sealed record SearchHit(Guid DocumentId, int Version, string Kind, string Title, string ExcerptHtml, DateTimeOffset PublishedAt);

/// <summary>Documents' public API: published texts and their search.</summary>
public sealed class DocumentsClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<PublishedText>> PublishedAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<PublishedText>($"/api/documents/bodies/{Escape(bodyId)}/published", cancellationToken);

    public Task<PublishedText?> TextAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        FindAsync<PublishedText>($"/api/documents/bodies/{Escape(bodyId)}/published/{documentId}", cancellationToken);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string bodyId, string query, CancellationToken cancellationToken) =>
        ListAsync<SearchHit>($"/api/documents/bodies/{Escape(bodyId)}/search?q={Uri.EscapeDataString(query)}", cancellationToken);
}
