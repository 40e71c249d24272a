namespace Assemblee.Web.Clients;

/// <summary>A line of the public register: what a body asked of whom, where it stands, and whether its answer is late.</summary>
public sealed record RegisterLine(
    Guid Id, string BodyId, IReadOnlyList<string> CoSigners, string Kind, string Title, string AddresseeKind, string Addressee,
    IReadOnlyList<string> Themes, string State, DateTimeOffset SubmittedAt, DateTimeOffset? AnswerDue, DateTimeOffset? FirstAnsweredAt,
    bool Overdue);

/// <summary>A body's figures in the register; BodyId "all" for the whole space.</summary>
public sealed record RegisterFigures(
    string BodyId, int Submitted, int Answered, int AnsweredInTime, int Overdue, double? MedianDaysToAnswer, double? ShareAnsweredInTime);

/// <summary>A question of the body as its members read it: drafts and referrals to the guarantors included.</summary>
public sealed record BodyQuestion(Guid Id, string Kind, string Title, string State, DateTimeOffset DraftedAt, DateTimeOffset? SubmittedAt);

public sealed record BodyQuestionLine(BodyQuestion Question, bool Overdue);

/// <summary>
/// Veille et Interpellation's public register and its statistics; a body's own questions, and a member's referral to the
/// guarantors' committee.
/// </summary>
public sealed class VeilleClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<RegisterLine>> RegisterAsync(string? bodyId, CancellationToken cancellationToken) =>
        ListAsync<RegisterLine>(bodyId is null ? "/api/veille/register" : $"/api/veille/register?bodyId={Escape(bodyId)}",
            cancellationToken);

    public Task<IReadOnlyList<RegisterFigures>> StatisticsAsync(CancellationToken cancellationToken) =>
        ListAsync<RegisterFigures>("/api/veille/statistics", cancellationToken);

    public Task<IReadOnlyList<BodyQuestionLine>> BodyQuestionsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<BodyQuestionLine>($"/api/veille/bodies/{Escape(bodyId)}/questions", cancellationToken);

    /// <summary>A referral drafted and submitted at once: members refer matters to the guarantors themselves.</summary>
    public async Task<Submitted<BodyQuestion>> ReferAsync(string bodyId, string title, string text, CancellationToken cancellationToken)
    {
        var questions = $"/api/veille/bodies/{Escape(bodyId)}/questions";
        var referral = new { kind = "referral", title, text, addresseeKind = "guarantors", addressee = "Comité des garants" };
        var drafted = await SubmitAsync<BodyQuestion>(HttpMethod.Post, questions, JsonContent.Create(referral), cancellationToken);
        return drafted is { Succeeded: true, Value: { } draft }
            ? await SubmitAsync<BodyQuestion>(HttpMethod.Post, $"{questions}/{draft.Id}/submission", null, cancellationToken)
            : drafted;
    }
}
