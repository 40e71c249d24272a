using System.Net;
using System.Text.Json;
using Assemblee.Web.Forms;
using Microsoft.Extensions.Localization;

namespace Assemblee.Web.Clients;

public sealed record RecordQuota(string Category, string Feature, int Min, int Max);

public sealed record RecordPerson(string Id, IReadOnlyList<string> Features, double Probability);

/// <summary>
/// A draw's procès-verbal as sortition publishes it: committed before the draw (inputs, panels, commitment), complete after it
/// (dice, beacon, seed, the panel drawn, members and substitutes by pseudonymous id).
/// </summary>
public sealed record DrawRecordView(
    string Format, string Algorithm, string? Title, int PanelSize, IReadOnlyList<string> Categories, IReadOnlyList<RecordQuota> Quotas,
    IReadOnlyList<RecordPerson> Pool, IReadOnlyList<IReadOnlyList<string>> Panels, double MaxDeviation, int SubstituteCount,
    string Commitment, DateTimeOffset CommittedAt, string? Dice, string? Beacon, string? Seed, int? PanelIndex,
    IReadOnlyList<string>? Members, IReadOnlyList<string>? Substitutes)
{
    public bool IsDrawn => Seed is not null;
}

/// <summary>A draw as its secretariat follows it: where it stands and how many were invited and answered.</summary>
/// <param name="Commitment">Published when the draw is prepared, before any randomness exists.</param>
public sealed record DrawSummary(Guid Id, DrawTitle Specification, string State, DateTimeOffset CreatedAt, int Invitations,
    int Respondents, string? Commitment);

public sealed record DrawTitle(string? Title, int PanelSize);

public sealed record CreatedDraw(Guid Id);

/// <summary>
/// Where a source list's last import stands (rows read and refused while it runs), and the list in place; a refused list's
/// bad lines in the service's words and, in the same order, by the rule each broke.
/// </summary>
public sealed record SourceListStatus(string List, string State, string? Charset, long? BytesExpected, long BytesReceived,
    int RowsRead, int RowsRefused, int? RowsImported, IReadOnlyList<string>? Errors, int? RowsInPlace, DateTimeOffset? ImportedAt,
    IReadOnlyList<RefusedLine>? RefusedLines = null)
{
    /// <summary>Each refused line in the page's language where the application knows its rule, else in the service's words.</summary>
    public IReadOnlyList<string> Refusals(IStringLocalizer texts) =>
        [.. (Errors ?? []).Select((error, i) => RefusedLines is { } lines && i < lines.Count
            && Refusal.Said(texts, new BrokenRule(lines[i].Code, lines[i].Arguments)) is { } said
                ? texts["RefusedLine", lines[i].Line, said].Value
                : error)];
}

/// <summary>A line of a list refused by a rule: its number, the rule's code and the arguments of its words.</summary>
public sealed record RefusedLine(int Line, string Code, JsonElement[]? Arguments);

public sealed record ImportedList(string List, int Rows);

public sealed record InvitationsDrawn(int Invitations, IReadOnlyDictionary<string, int> BySeatGroup, int Strata);

/// <summary>Someone who answered their invitation, with the contact data the secretariat needs (sortition logs each read).</summary>
public sealed record Respondent(string RespondentId, string SeatGroup, IReadOnlyDictionary<string, string> Profile, string Status,
    string? FamilyName, string? GivenName, string? Email, string? Phone, DateTimeOffset RegisteredAt);

/// <summary>Sortition's API: draw records (public), a body's draws (its secretariat).</summary>
public sealed class SortitionClient(HttpClient http) : ApiClient(http)
{
    public Task<DrawRecordView?> RecordAsync(Guid drawId, CancellationToken cancellationToken) =>
        FindAsync<DrawRecordView>($"/api/sortition/draws/{drawId}/record", cancellationToken);

    public Task<IReadOnlyList<DrawSummary>> DrawsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<DrawSummary>($"/api/sortition/bodies/{Escape(bodyId)}/draws", cancellationToken);

    public Task<DrawSummary?> DrawAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        FindAsync<DrawSummary>($"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}", cancellationToken);

    /// <summary>A new draw from its specification; a refused one comes back with the service's errors by field.</summary>
    public Task<Submitted<CreatedDraw>> CreateDrawAsync(string bodyId, object specification, CancellationToken cancellationToken) =>
        SubmitAsync<CreatedDraw>(HttpMethod.Post, $"/api/sortition/bodies/{Escape(bodyId)}/draws", JsonContent.Create(specification),
            cancellationToken);

    public Task<IReadOnlyList<SourceListStatus>> ListsAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        ListAsync<SourceListStatus>($"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/lists", cancellationToken);

    public Task<SourceListStatus?> ListStatusAsync(string bodyId, Guid drawId, string list, CancellationToken cancellationToken) =>
        FindAsync<SourceListStatus>($"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/lists/{Escape(list)}", cancellationToken);

    /// <summary>Stage 1: the invitations, drawn from the lists with a seed that makes the draw reproducible.</summary>
    public Task<Submitted<InvitationsDrawn>> DrawInvitationsAsync(string bodyId, Guid drawId, string seed,
        CancellationToken cancellationToken) =>
        SubmitAsync<InvitationsDrawn>(HttpMethod.Post, $"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/invitations",
            JsonContent.Create(new { seed }), cancellationToken);

    public Task<IReadOnlyList<Respondent>> RespondentsAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        ListAsync<Respondent>($"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/respondents", cancellationToken);

    /// <summary>Sortition's personal-data access log for the draw: every reading of its lists, letters and respondents.</summary>
    public Task<IReadOnlyList<PersonalDataRead>> PersonalDataReadsAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        ListAsync<PersonalDataRead>($"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/personal-data-reads", cancellationToken);

    /// <summary>Starts computing the lottery (LEXIMIN, the published panels, the commitment) in the background.</summary>
    public Task<Sent> PrepareAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/prepare", new { }, cancellationToken);

    /// <summary>The ceremony: the dice thrown before the bailiff and the public beacon's value choose the panel.</summary>
    public Task<Sent> DrawPanelAsync(string bodyId, Guid drawId, string dice, string beacon,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/draw", new { dice, beacon }, cancellationToken);
}
