using System.Globalization;

namespace Assemblee.Web.Clients;

/// <summary>An amount in euros a member receives per session of a kind (or of every kind), or per half-day, over a period.</summary>
public sealed record CompensationRate(Guid Id, string? SessionKind, string Unit, decimal Amount, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo);

/// <summary>A line of a statement: a session attended, or an adjustment of what an earlier statement paid for one.</summary>
public sealed record StatementLine(Guid SessionId, string Title, string Kind, DateOnly Date, int Minutes, string Unit, int Quantity,
    decimal Rate, decimal Amount, bool Adjustment);

/// <summary>A member's statement of a month: a draft from attendance until the secretariat approves it, then final.</summary>
public sealed record Statement(Guid MemberId, DateOnly Month, IReadOnlyList<StatementLine> Lines, decimal Total, string State,
    DateTimeOffset? ApprovedAt);

/// <summary>
/// Sessions' compensation API: rates, the month's statements, their approval and export (the secretariat); a member's own
/// statement. Every reading of statements is logged by sessions as a personal-data access.
/// </summary>
public sealed class CompensationClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<CompensationRate>> RatesAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<CompensationRate>($"{Base(bodyId)}/rates", cancellationToken);

    public Task<Submitted<CompensationRate>> AddRateAsync(string bodyId, object rate, CancellationToken cancellationToken) =>
        SubmitAsync<CompensationRate>(HttpMethod.Post, $"{Base(bodyId)}/rates", JsonContent.Create(rate), cancellationToken);

    /// <summary>The month's statements; refused (with the service's reason) while attendance has no rate to be paid at.</summary>
    public Task<Submitted<List<Statement>>> StatementsAsync(string bodyId, DateOnly month, CancellationToken cancellationToken) =>
        SubmitAsync<List<Statement>>(HttpMethod.Get, $"{Base(bodyId)}/months/{Month(month)}/statements", null, cancellationToken);

    public Task<Submitted<List<Statement>>> ApproveAsync(string bodyId, DateOnly month, CancellationToken cancellationToken) =>
        SubmitAsync<List<Statement>>(HttpMethod.Post, $"{Base(bodyId)}/months/{Month(month)}/approval", null, cancellationToken);

    /// <summary>The signed-in member's statement of the month; null when they attended nothing to compensate.</summary>
    public Task<Statement?> MineAsync(string bodyId, DateOnly month, CancellationToken cancellationToken) =>
        FindAsync<Statement>($"{Base(bodyId)}/months/{Month(month)}/statements/me", cancellationToken);

    /// <summary>The month's approved statements for the city's payment department.</summary>
    public Task<IssuedFile?> ExportAsync(string bodyId, DateOnly month, CancellationToken cancellationToken) =>
        FileAsync($"{Base(bodyId)}/months/{Month(month)}/statements.csv", $"releves-{Month(month)}.csv", cancellationToken);

    /// <summary>An approved statement as PDF: a member's (the secretariat) or the caller's own (me).</summary>
    public Task<IssuedFile?> PdfAsync(string bodyId, DateOnly month, string member, CancellationToken cancellationToken) =>
        FileAsync($"{Base(bodyId)}/months/{Month(month)}/statements/{Escape(member)}.pdf", $"releve-{Month(month)}.pdf",
            cancellationToken);

    /// <summary>Sessions' access log of the statements: who read them, when, why, how many people.</summary>
    public Task<IReadOnlyList<PersonalDataRead>> PersonalDataReadsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<PersonalDataRead>($"{Base(bodyId)}/personal-data-reads", cancellationToken);

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Base(string bodyId) => $"/api/sessions/bodies/{Escape(bodyId)}/compensation";
}
