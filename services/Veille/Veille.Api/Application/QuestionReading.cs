using Assemblee.Common.Rules;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;

namespace Assemblee.Veille.Application;

/// <summary>A question with everything about it: whether it is overdue, its co-signers, its answers, its timeline.</summary>
public sealed record QuestionView(
    Question Question, bool Overdue, IReadOnlyList<CoSigner> CoSigners, IReadOnlyList<Answer> Answers,
        IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Reads questions for the bodies concerned and for the public register.</summary>
public sealed class QuestionReading(QuestionStore questions, TimeProvider time)
{
    /// <summary>The question as <paramref name="bodyId"/>'s callers may read it; NOT_FOUND for anyone else.</summary>
    public async Task<QuestionView> ForBodyAsync(Guid id, string bodyId, bool insider, bool executive, bool guarantor,
        CancellationToken cancellationToken)
    {
        var question = await questions.FindAsync(id, cancellationToken);
        var cosigners = question is null ? [] : await questions.CoSignersAsync(id, cancellationToken);
        if (question is null || !QuestionAccess.MayRead(question, cosigners, bodyId, insider, executive, guarantor))
        {
            throw RuleViolation.NotFound($"No question {id} for body '{bodyId}'.");
        }
        return await ViewAsync(question, cosigners, cancellationToken);
    }

    /// <summary>A question of the public register: co-signers who accepted only; NOT_FOUND for drafts.</summary>
    public async Task<QuestionView> PublicAsync(Guid id, CancellationToken cancellationToken)
    {
        var question = await questions.FindAsync(id, cancellationToken);
        if (question is not { IsPublic: true })
        {
            throw RuleViolation.NotFound($"The register has no question {id}.");
        }
        var cosigners = (await questions.CoSignersAsync(id, cancellationToken)).Where(c => c.State == "accepted").ToList();
        return await ViewAsync(question, cosigners, cancellationToken);
    }

    public bool IsOverdue(Question question) => question.IsOverdue(time.GetUtcNow());

    private async Task<QuestionView> ViewAsync(Question question, IReadOnlyList<CoSigner> cosigners, CancellationToken cancellationToken) =>
        new(question, IsOverdue(question), cosigners, await questions.AnswersAsync(question.Id, cancellationToken),
            await questions.TimelineAsync(question.Id, cancellationToken));
}
