using System.Net;

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

/// <summary>Sortition's API: draw records (public), a body's draws (its secretariat).</summary>
public sealed class SortitionClient(HttpClient http) : ApiClient(http)
{
    public Task<DrawRecordView?> RecordAsync(Guid drawId, CancellationToken cancellationToken) =>
        FindAsync<DrawRecordView>($"/api/sortition/draws/{drawId}/record", cancellationToken);

    public Task<IReadOnlyList<DrawSummary>> DrawsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<DrawSummary>($"/api/sortition/bodies/{Escape(bodyId)}/draws", cancellationToken);

    public Task<DrawSummary?> DrawAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        FindAsync<DrawSummary>($"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}", cancellationToken);

    /// <summary>Starts computing the lottery (LEXIMIN, the published panels, the commitment) in the background.</summary>
    public Task<HttpStatusCode> PrepareAsync(string bodyId, Guid drawId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/prepare", new { }, cancellationToken);

    /// <summary>The ceremony: the dice thrown before the bailiff and the public beacon's value choose the panel.</summary>
    public Task<HttpStatusCode> DrawPanelAsync(string bodyId, Guid drawId, string dice, string beacon,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sortition/bodies/{Escape(bodyId)}/draws/{drawId}/draw", new { dice, beacon }, cancellationToken);
}
