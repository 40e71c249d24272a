namespace Assemblee.Web.Clients;

/// <summary>A line of the public register: what a body asked of whom, where it stands, and whether its answer is late.</summary>
public sealed record RegisterLine(
    Guid Id, string BodyId, IReadOnlyList<string> CoSigners, string Kind, string Title, string AddresseeKind, string Addressee,
    IReadOnlyList<string> Themes, string State, DateTimeOffset SubmittedAt, DateTimeOffset? AnswerDue, DateTimeOffset? FirstAnsweredAt,
    bool Overdue);

/// <summary>A body's figures in the register; BodyId "all" for the whole space.</summary>
public sealed record RegisterFigures(
    string BodyId, int Submitted, int Answered, int AnsweredInTime, int Overdue, double? MedianDaysToAnswer, double? ShareAnsweredInTime);

/// <summary>Veille et Interpellation's public register and its statistics.</summary>
public sealed class VeilleClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<RegisterLine>> RegisterAsync(string? bodyId, CancellationToken cancellationToken) =>
        ListAsync<RegisterLine>(bodyId is null ? "/api/veille/register" : $"/api/veille/register?bodyId={Escape(bodyId)}",
            cancellationToken);

    public Task<IReadOnlyList<RegisterFigures>> StatisticsAsync(CancellationToken cancellationToken) =>
        ListAsync<RegisterFigures>("/api/veille/statistics", cancellationToken);
}
