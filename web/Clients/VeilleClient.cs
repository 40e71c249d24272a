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

/// <summary>A question as its body's executive reads it: what was asked of whom, where it stands, and the answers given.</summary>
public sealed record QuestionView(QuestionDetails Question, bool Overdue, IReadOnlyList<CoSigner> CoSigners,
    IReadOnlyList<QuestionAnswer> Answers);

/// <summary>A body invited to co-sign a question, and whether it accepted.</summary>
public sealed record CoSigner(string BodyId, string State);

public sealed record QuestionDetails(
    Guid Id, string BodyId, string Kind, string Title, string Text, string AddresseeKind, string Addressee, string State,
    DateTimeOffset? SubmittedAt, DateTimeOffset? AnswerDue, string? InadmissibleReason, Guid? ExchangeSessionId, bool AnsweredInSession);

public sealed record QuestionAnswer(Guid Id, string AnsweredAs, string Text, DateTimeOffset AnsweredAt);

/// <summary>
/// Veille et Interpellation's public register and its statistics; a body's own questions, a member's referral to the guarantors'
/// committee, and what the body's executive does with a question: rule on it, schedule it, answer it.
/// </summary>
public sealed class VeilleClient(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<RegisterLine>> RegisterAsync(string? bodyId, CancellationToken cancellationToken) =>
        ListAsync<RegisterLine>(bodyId is null ? "/api/veille/register" : $"/api/veille/register?bodyId={Escape(bodyId)}",
            cancellationToken);

    public Task<IReadOnlyList<RegisterFigures>> StatisticsAsync(CancellationToken cancellationToken) =>
        ListAsync<RegisterFigures>("/api/veille/statistics", cancellationToken);

    public Task<IReadOnlyList<BodyQuestionLine>> BodyQuestionsAsync(string bodyId, CancellationToken cancellationToken) =>
        ListAsync<BodyQuestionLine>(Questions(bodyId), cancellationToken);

    /// <summary>A submitted question as the public reads it in the register, with its answers.</summary>
    public Task<QuestionView?> RegisterEntryAsync(Guid questionId, CancellationToken cancellationToken) =>
        FindAsync<QuestionView>($"/api/veille/register/{questionId}", cancellationToken);

    public Task<QuestionView?> QuestionAsync(string bodyId, Guid questionId, CancellationToken cancellationToken) =>
        FindAsync<QuestionView>($"{Questions(bodyId)}/{questionId}", cancellationToken);

    /// <summary>The executive's ruling: admissible, inadmissible with its reason, or merged into another question.</summary>
    public Task<Submitted<QuestionDetails>> RuleAsync(string bodyId, Guid questionId, object ruling, CancellationToken cancellationToken) =>
        SubmitAsync<QuestionDetails>(HttpMethod.Post, $"{Questions(bodyId)}/{questionId}/ruling", JsonContent.Create(ruling),
            cancellationToken);

    /// <summary>An oral question or an interpellation put on the agenda of an exchange session of the body.</summary>
    public Task<Submitted<QuestionDetails>> ScheduleAsync(string bodyId, Guid questionId, Guid sessionId,
        CancellationToken cancellationToken) =>
        SubmitAsync<QuestionDetails>(HttpMethod.Post, $"{Questions(bodyId)}/{questionId}/scheduling", JsonContent.Create(new { sessionId }),
            cancellationToken);

    public Task<Submitted<QuestionAnswer>> AnswerAsync(string bodyId, Guid questionId, object answer,
        CancellationToken cancellationToken) =>
        SubmitAsync<QuestionAnswer>(HttpMethod.Post, $"{Questions(bodyId)}/{questionId}/answers", JsonContent.Create(answer),
            cancellationToken);

    private static string Questions(string bodyId) => $"/api/veille/bodies/{Escape(bodyId)}/questions";

    /// <summary>A referral drafted and submitted at once: members refer matters to the guarantors themselves.</summary>
    public async Task<Submitted<BodyQuestion>> ReferAsync(string bodyId, string title, string text, CancellationToken cancellationToken)
    {
        var questions = Questions(bodyId);
        var referral = new { kind = "referral", title, text, addresseeKind = "guarantors", addressee = "Comité des garants" };
        var drafted = await SubmitAsync<BodyQuestion>(HttpMethod.Post, questions, JsonContent.Create(referral), cancellationToken);
        return drafted is { Succeeded: true, Value: { } draft }
            ? await SubmitAsync<BodyQuestion>(HttpMethod.Post, $"{questions}/{draft.Id}/submission", null, cancellationToken)
            : drafted;
    }
}
