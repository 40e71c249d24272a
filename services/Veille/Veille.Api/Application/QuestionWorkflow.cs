using Assemblee.Common.Messaging;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Veille;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Npgsql;

namespace Assemblee.Veille.Application;

/// <summary>Who acts on a question: the account, and the body or office on whose behalf.</summary>
public sealed record Acting(string Actor, string ActingAs)
{
    public const string Executive = "executive";
    public const string Guarantors = "guarantors";
}

/// <summary>
/// A question's life, each transition one transaction: the question locked (transitions take turns, so two co-signatures at
/// once both count, once each), the rule checked, the new state, its timestamped step in the timeline, and its event.
/// </summary>
public sealed class QuestionWorkflow(NpgsqlDataSource dataSource, QuestionStore questions, BodyChecks checks, Outbox outbox,
    TimeProvider time)
{
    public async Task<Question> DraftAsync(string bodyId, QuestionDraft draft, Acting acting, CancellationToken cancellationToken)
    {
        await checks.EnsureItemsAsync(draft.ItemIds ?? [], cancellationToken);
        var now = time.GetUtcNow();
        var question = Written(new Question(Guid.NewGuid(), bodyId, "", "", "", "", "", [], [], QuestionStates.Draft, now, null, null, null,
            null, null, null, false, now), draft);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await QuestionStore.InsertAsync(transaction, question, acting.Actor, cancellationToken);
        await QuestionStore.AddEventAsync(transaction, question.Id, now, acting.Actor, bodyId, "drafted", new { question.Kind },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return question;
    }

    public async Task<Question> EditAsync(string bodyId, Guid id, QuestionDraft draft, Acting acting, CancellationToken cancellationToken)
    {
        await checks.EnsureItemsAsync(draft.ItemIds ?? [], cancellationToken);
        return await RunAsync(id, q => q.BodyId == bodyId, async (transaction, question, now) =>
        {
            QuestionRules.EnsureState(question, "edited", QuestionStates.Draft);
            return await StepAsync(transaction, Written(question, draft) with { UpdatedAt = now }, acting, "edited", new { },
                cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The body validates its question by a vote in sessions or a decision its secretariat records.</summary>
    public async Task<Question> ValidateAsync(string bodyId, Guid id, BodyDecision decision, Acting acting,
        CancellationToken cancellationToken)
    {
        await checks.EnsureDecidedAsync(bodyId, decision, cancellationToken);
        return await RunAsync(id, q => q.BodyId == bodyId, async (transaction, question, now) =>
        {
            QuestionRules.EnsureQuestion(question, "validated by its body");
            QuestionRules.EnsureState(question, "validated", QuestionStates.Draft);
            return await StepAsync(transaction, question with { State = QuestionStates.Validated, UpdatedAt = now }, acting, "validated",
                decision, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<CoSigner>> InviteAsync(string bodyId, Guid id, Invitation invitation, Acting acting,
        CancellationToken cancellationToken)
    {
        var invited = invitation.Bodies.Distinct().ToList();
        await checks.EnsureBodiesAsync(invited, cancellationToken);
        return await RunAsync(id, q => q.BodyId == bodyId, async (transaction, question, now) =>
        {
            QuestionRules.EnsureInvitable(question, invited);
            var added = new List<string>();
            foreach (var body in invited)
            {
                if (await QuestionStore.InviteAsync(transaction, id, body, now, cancellationToken))
                {
                    added.Add(body);
                }
            }
            await StepAsync(transaction, question with { UpdatedAt = now }, acting, "invited", new { bodies = added }, cancellationToken);
            return await QuestionStore.CoSignersAsync(transaction, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>An invited body accepts (with its own validation) or declines; it answers once.</summary>
    public async Task<Question> CoSignAsync(string bodyId, Guid id, CoSigning answer, Acting acting, CancellationToken cancellationToken)
    {
        var decision = new BodyDecision(answer.VoteId, answer.Decision);
        if (answer.Accept)
        {
            await checks.EnsureDecidedAsync(bodyId, decision, cancellationToken);
        }
        return await RunAsync(id, _ => true, async (transaction, question, now) =>
        {
            var cosigners = await QuestionStore.CoSignersAsync(transaction, id, cancellationToken);
            var invitation = cosigners.FirstOrDefault(c => c.BodyId == bodyId)
                ?? throw RuleViolation.NotFound($"Body '{bodyId}' is not invited to co-sign question {id}.");
            if (invitation.State != "invited")
            {
                throw RuleViolation.Conflict("answered-already", "Answered already",
                    $"Body '{bodyId}' {invitation.State} already: a body co-signs once.");
            }
            QuestionRules.EnsureState(question, "co-signed", QuestionRules.OpenToCoSigning);
            var state = answer.Accept ? "accepted" : "declined";
            await QuestionStore.AnswerInvitationAsync(transaction, id, bodyId, state, answer.Accept ? decision : null, now,
                cancellationToken);
            if (answer.Accept)
            {
                await outbox.AddAsync(new QuestionCoSigned(id, question.BodyId, bodyId, now), transaction, cancellationToken);
            }
            return await StepAsync(transaction, question with { UpdatedAt = now }, acting, answer.Accept ? "co-signed" : "declined",
                answer.Accept ? decision : new { }, cancellationToken);
        }, cancellationToken);
    }

    public Task<Question> SubmitAsync(string bodyId, Guid id, Acting acting, bool secretariat, CancellationToken cancellationToken) =>
        RunAsync(id, q => q.BodyId == bodyId, async (transaction, question, now) =>
        {
            QuestionRules.EnsureMaySubmit(question, secretariat);
            QuestionRules.EnsureState(question, "submitted", QuestionRules.SubmittableState(question));
            var submitted = question with
            {
                State = QuestionStates.Submitted,
                SubmittedAt = now,
                AnswerDue = now + QuestionKinds.AnswerTime(question.Kind),
                UpdatedAt = now,
            };
            var cosigners = await AcceptedAsync(transaction, id, cancellationToken);
            await outbox.AddAsync(new QuestionSubmitted(id, bodyId, question.Kind, question.Title, cosigners, now,
                submitted.AnswerDue!.Value),
                transaction, cancellationToken);
            return await StepAsync(transaction, submitted, acting, "submitted", new { submitted.AnswerDue }, cancellationToken);
        }, cancellationToken);

    /// <summary>The executive's office rules on admissibility: admissible, inadmissible with a reason, or merged with another.</summary>
    public async Task<Question> RuleAsync(string bodyId, Guid id, Ruling ruling, Acting acting, CancellationToken cancellationToken)
    {
        var target = ruling.MergedInto is { } mergedInto ? await questions.FindAsync(mergedInto, cancellationToken) : null;
        return await RunAsync(id, q => QuestionAccess.ForExecutive(q, bodyId), async (transaction, question, now) =>
        {
            QuestionRules.EnsureState(question, "ruled on", QuestionStates.Submitted);
            if (ruling.Decision == QuestionStates.Merged)
            {
                QuestionRules.EnsureMergeTarget(question, target);
            }
            var ruled = question with
            {
                State = ruling.Decision,
                InadmissibleReason = ruling.Decision == QuestionStates.Inadmissible ? ruling.Reason!.Trim() : null,
                MergedInto = ruling.Decision == QuestionStates.Merged ? ruling.MergedInto : null,
                UpdatedAt = now,
            };
            return await StepAsync(transaction, ruled, acting, ruling.Decision, ruling, cancellationToken);
        }, cancellationToken);
    }

    public async Task<Question> ScheduleAsync(string bodyId, Guid id, Guid sessionId, Acting acting, CancellationToken cancellationToken)
    {
        await checks.EnsureExchangeSessionAsync(bodyId, sessionId, cancellationToken);
        return await RunAsync(id, q => QuestionAccess.ForExecutive(q, bodyId), async (transaction, question, now) =>
        {
            QuestionRules.EnsureSchedulable(question);
            return await StepAsync(transaction, question with
            {
                State = QuestionStates.Scheduled,
                ExchangeSessionId = sessionId,
                UpdatedAt = now
            },
                acting, "scheduled", new { sessionId }, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The guarantors acknowledge a referral they received.</summary>
    public Task<Question> AcknowledgeAsync(string bodyId, Guid id, Acting acting, CancellationToken cancellationToken) =>
        RunAsync(id, q => QuestionAccess.ForGuarantors(q, bodyId), async (transaction, question, now) =>
        {
            QuestionRules.EnsureState(question, "acknowledged", QuestionStates.Submitted);
            return await StepAsync(transaction, question with { State = QuestionStates.Acknowledged, UpdatedAt = now }, acting,
                "acknowledged", new { }, cancellationToken);
        }, cancellationToken);

    /// <summary>The executive answers a question, the guarantors a referral: who, when, the text and its attachments.</summary>
    public Task<Answer> AnswerAsync(string bodyId, Guid id, AnswerRequest request, Acting acting, CancellationToken cancellationToken) =>
        RunAsync(id, q => acting.ActingAs == Acting.Guarantors
                ? QuestionAccess.ForGuarantors(q, bodyId)
                : QuestionAccess.ForExecutive(q, bodyId),
            async (transaction, question, now) =>
        {
            QuestionRules.EnsureAnswerable(question);
            var answer = new Answer(Guid.NewGuid(), request.AnsweredAs.Trim(), request.Text, [.. request.Attachments ?? []], now);
            await QuestionStore.AddAnswerAsync(transaction, id, answer, acting.Actor, cancellationToken);
            var answered = question with
            {
                State = QuestionStates.Answered,
                FirstAnsweredAt = question.FirstAnsweredAt ?? now,
                UpdatedAt = now
            };
            await StepAsync(transaction, answered, acting, "answered", new { answerId = answer.Id, answer.AnsweredAs }, cancellationToken);
            if (question.IsReferral)
            {
                await outbox.AddAsync(new ReferralAnswered(id, bodyId, now), transaction, cancellationToken);
            }
            else
            {
                await outbox.AddAsync(new QuestionAnswered(id, bodyId, await AcceptedAsync(transaction, id, cancellationToken),
                    answer.AnsweredAs, answered.AnsweredInTime, now), transaction, cancellationToken);
            }
            return answer;
        }, cancellationToken);

    /// <summary>The body reacts to the answer: satisfied closes the question; a follow-up request awaits a further answer.</summary>
    public Task<Question> ReactAsync(string bodyId, Guid id, Reaction reaction, Acting acting, CancellationToken cancellationToken) =>
        RunAsync(id, q => q.BodyId == bodyId, async (transaction, question, now) =>
        {
            QuestionRules.EnsureState(question, "reacted to", QuestionStates.Answered);
            var state = reaction.Outcome == Reaction.Satisfied ? QuestionStates.Closed : QuestionStates.FollowUpRequested;
            return await StepAsync(transaction, question with { State = state, UpdatedAt = now }, acting, reaction.Outcome,
                new { reaction.Comment }, cancellationToken);
        }, cancellationToken);

    public Task<Question> CloseAsync(string bodyId, Guid id, Acting acting, CancellationToken cancellationToken) =>
        RunAsync(id, q => q.BodyId == bodyId, async (transaction, question, now) =>
        {
            QuestionRules.EnsureClosable(question);
            return await StepAsync(transaction, question with { State = QuestionStates.Closed, UpdatedAt = now }, acting, "closed", new { },
                cancellationToken);
        }, cancellationToken);

    /// <summary>The guarantors make their opinion on a referral public: it enters the register.</summary>
    public Task<Question> PublishOpinionAsync(string bodyId, Guid id, Acting acting, CancellationToken cancellationToken) =>
        RunAsync(id, q => QuestionAccess.ForGuarantors(q, bodyId), async (transaction, question, now) =>
        {
            QuestionRules.EnsureState(question, "published", QuestionStates.Answered, QuestionStates.Closed);
            return await StepAsync(transaction, question with { OpinionPublic = true, UpdatedAt = now }, acting, "opinion-published",
                new { },
                cancellationToken);
        }, cancellationToken);

    private static Question Written(Question question, QuestionDraft draft) => question with
    {
        Kind = draft.Kind,
        Title = draft.Title.Trim(),
        Text = draft.Text,
        AddresseeKind = draft.AddresseeKind,
        Addressee = draft.Addressee.Trim(),
        ItemIds = [.. (draft.ItemIds ?? []).Select(item => item.Trim()).Distinct()],
        Themes = [.. (draft.Themes ?? []).Select(theme => theme.Trim().ToLowerInvariant()).Distinct()],
    };

    private static async Task<IReadOnlyList<string>> AcceptedAsync(NpgsqlTransaction transaction, Guid id,
        CancellationToken cancellationToken) =>
        [.. (await QuestionStore.CoSignersAsync(transaction, id, cancellationToken))
            .Where(c => c.State == "accepted").Select(c => c.BodyId)];

    private static async Task<Question> StepAsync(NpgsqlTransaction transaction, Question question, Acting acting, string action,
        object detail, CancellationToken cancellationToken)
    {
        await QuestionStore.UpdateAsync(transaction, question, cancellationToken);
        await QuestionStore.AddEventAsync(transaction, question.Id, question.UpdatedAt, acting.Actor, acting.ActingAs, action, detail,
            cancellationToken);
        return question;
    }

    /// <summary>One transaction around a question, locked first; a caller it is not for gets NOT_FOUND.</summary>
    private async Task<T> RunAsync<T>(Guid id, Func<Question, bool> allowed,
        Func<NpgsqlTransaction, Question, DateTimeOffset, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var question = await QuestionStore.LockAsync(transaction, id, cancellationToken);
        if (question is null || !allowed(question))
        {
            throw RuleViolation.NotFound($"No question {id} for you.");
        }
        var result = await work(transaction, question, time.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
