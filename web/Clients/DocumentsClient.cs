using System.Globalization;
using System.Net.Http.Headers;

namespace Assemblee.Web.Clients;

/// <summary>A published text: kind, title, version, its SHA-256 fingerprint and, when read alone, its sanitised HTML.</summary>
public sealed record PublishedText(Guid DocumentId, int Version, string Kind, string Title, Guid? SessionId, string Fingerprint,
    DateTimeOffset PublishedAt, string Html);

/// <summary>A search result; its excerpt is HTML that documents built and sanitised, the matched words in bold.</summary>
public sealed record SearchHit(Guid DocumentId, int Version, string Kind, string Title, string ExcerptHtml, DateTimeOffset PublishedAt);

/// <summary>A document its writer may open: what it is and where it stands.</summary>
public sealed record DocumentSummary(Guid Id, string Kind, string State, int Version, string Title, DateTimeOffset UpdatedAt);

public sealed record DocumentSection(string Heading, string Markdown);

public sealed record WrittenDocument(Guid Id, string Kind, string State, int Version, string Title,
    IReadOnlyList<DocumentSection> Sections, DateTimeOffset UpdatedAt);

/// <summary>A document as its writers read it; each section's HTML is built and sanitised by documents.</summary>
public sealed record DocumentDraft(WrittenDocument Document, IReadOnlyList<string> SectionsHtml);

/// <summary>A run of words an amendment keeps (unchanged), removes (deleted) or adds (inserted).</summary>
public sealed record TextChange(string Change, string Text);

public sealed record Amendment(Guid Id, int Number, int Section, string Operation, string? Heading, string Author, string Motivation,
    string State, DateTimeOffset ProposedAt);

/// <summary>An amendment, the proposed amendments it conflicts with, and what it changes word by word.</summary>
public sealed record AmendmentEntry(Amendment Amendment, IReadOnlyList<int> ConflictsWith, IReadOnlyList<TextChange> Changes);

/// <summary>A step of a document's life: a save, a decision, a vote, the Council; who took it, when, and its detail.</summary>
public sealed record DocumentStep(DateTimeOffset At, string Actor, string Action);

/// <summary>What a department of the city committed to do to carry out an adopted text, where it stands, and each step since.</summary>
public sealed record Commitment(Guid Id, string Title, string Department, DateOnly? DueOn, string Status,
    IReadOnlyList<CommitmentUpdate> Updates);

public sealed record CommitmentUpdate(DateTimeOffset At, string Actor, string Status, string Note);

/// <summary>
/// Documents' API: published texts and their search (public), the texts a member writes and their amendments; the secretariat's
/// decisions on amendments, publication, co-authors, submission to the Council, the Council's outcome and the city's commitments.
/// </summary>
public sealed class DocumentsClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<DocumentSummary>> WrittenAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<DocumentSummary>($"/api/documents/bodies/{Escape(bodyId)}/documents", cancellationToken);

    public Task<DocumentDraft?> DraftAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        FindAsync<DocumentDraft>($"/api/documents/bodies/{Escape(bodyId)}/documents/{documentId}", cancellationToken);

    public Task<IReadOnlyList<AmendmentEntry>> AmendmentsAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        ListAsync<AmendmentEntry>($"/api/documents/bodies/{Escape(bodyId)}/documents/{documentId}/amendments", cancellationToken);

    /// <summary>Proposes to replace a section, insert one after it or delete it; a refusal comes back by field.</summary>
    public Task<Submitted<Amendment>> ProposeAsync(string bodyId, Guid documentId, object amendment,
        CancellationToken cancellationToken) =>
        SubmitAsync<Amendment>(HttpMethod.Post, $"/api/documents/bodies/{Escape(bodyId)}/documents/{documentId}/amendments",
            JsonContent.Create(amendment), cancellationToken);

    /// <summary>
    /// Saves a new version of a draft written from <paramref name="readVersion"/>: documents answers 412 when another writer
    /// saved one meanwhile, so that no one's work is overwritten unseen.
    /// </summary>
    public Task<Submitted<DocumentDraft>> SaveAsync(string bodyId, Guid documentId, int readVersion, object text,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Document(bodyId, documentId)) { Content = JsonContent.Create(text) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{readVersion.ToString(CultureInfo.InvariantCulture)}\""));
        return SubmitAsync<DocumentDraft>(request, cancellationToken);
    }

    public Task<IReadOnlyList<PublishedText>> PublishedAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<PublishedText>($"/api/documents/bodies/{Escape(bodyId)}/published", cancellationToken);

    public Task<PublishedText?> TextAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        FindAsync<PublishedText>($"/api/documents/bodies/{Escape(bodyId)}/published/{documentId}", cancellationToken);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string bodyId, string query, CancellationToken cancellationToken) =>
        ListAsync<SearchHit>($"/api/documents/bodies/{Escape(bodyId)}/search?q={Uri.EscapeDataString(query)}", cancellationToken);

    public Task<IReadOnlyList<DocumentStep>> HistoryAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        ListAsync<DocumentStep>($"{Document(bodyId, documentId)}/history", cancellationToken);

    /// <summary>Accepts an amendment (a new version with exactly that change) or rejects it, with a reason.</summary>
    public Task<Submitted<Amendment>> DecideAsync(string bodyId, Guid documentId, Guid amendmentId, string decision, string? reason,
        CancellationToken cancellationToken) =>
        SubmitAsync<Amendment>(HttpMethod.Post, $"{Document(bodyId, documentId)}/amendments/{amendmentId}/decision",
            JsonContent.Create(new { decision, reason }), cancellationToken);

    public Task<Submitted<WrittenDocument>> SubmitToCouncilAsync(string bodyId, Guid documentId, object submission,
        CancellationToken cancellationToken) =>
        SubmitAsync<WrittenDocument>(HttpMethod.Post, $"{Document(bodyId, documentId)}/submission", JsonContent.Create(submission),
            cancellationToken);

    public Task<Submitted<WrittenDocument>> RecordOutcomeAsync(string bodyId, Guid documentId, object outcome,
        CancellationToken cancellationToken) =>
        SubmitAsync<WrittenDocument>(HttpMethod.Post, $"{Document(bodyId, documentId)}/council-outcome", JsonContent.Create(outcome),
            cancellationToken);

    public Task<Submitted<PublishedText>> PublishAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        SubmitAsync<PublishedText>(HttpMethod.Post, $"{Document(bodyId, documentId)}/publication", null, cancellationToken);

    /// <summary>Lets an account of the administration or the executive write the text, in the capacity given.</summary>
    public Task<Submitted<WrittenDocument>> AddCoAuthorAsync(string bodyId, Guid documentId, string subject, string role,
        CancellationToken cancellationToken) =>
        SubmitAsync<WrittenDocument>(HttpMethod.Put, $"{Document(bodyId, documentId)}/co-authors/{Escape(subject)}",
            JsonContent.Create(new { role }), cancellationToken);

    /// <summary>The follow-up of an adopted text, public as the text is.</summary>
    public Task<IReadOnlyList<Commitment>> CommitmentsAsync(string bodyId, Guid documentId, CancellationToken cancellationToken) =>
        ListAsync<Commitment>($"{Document(bodyId, documentId)}/commitments", cancellationToken);

    public Task<Submitted<Commitment>> CommitAsync(string bodyId, Guid documentId, object commitment,
        CancellationToken cancellationToken) =>
        SubmitAsync<Commitment>(HttpMethod.Post, $"{Document(bodyId, documentId)}/commitments", JsonContent.Create(commitment),
            cancellationToken);

    public Task<Submitted<Commitment>> UpdateCommitmentAsync(string bodyId, Guid documentId, Guid commitmentId, object update,
        CancellationToken cancellationToken) =>
        SubmitAsync<Commitment>(HttpMethod.Post, $"{Document(bodyId, documentId)}/commitments/{commitmentId}/updates",
            JsonContent.Create(update), cancellationToken);

    private static string Document(string bodyId, Guid documentId) => $"/api/documents/bodies/{Escape(bodyId)}/documents/{documentId}";
}
