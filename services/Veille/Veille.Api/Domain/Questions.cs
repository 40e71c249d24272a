using Assemblee.Common.Bodies;
using Assemblee.Common.Rules;

namespace Assemblee.Veille.Domain;

/// <summary>What a body puts to the executive, and its referrals to the guarantors (GLOSSARY.md for the French names).</summary>
public static class QuestionKinds
{
    public const string WrittenQuestion = "written-question";
    public const string OralQuestion = "oral-question";
    public const string Interpellation = "interpellation";
    public const string TopicalQuestion = "topical-question";
    public const string Referral = "referral";

    public static readonly IReadOnlyList<string> All = [WrittenQuestion, OralQuestion, Interpellation, TopicalQuestion, Referral];

    /// <summary>
    /// How long the addressee has to answer, from submission: a month in writing, two months for an oral question or an
    /// interpellation answered in an exchange session, two weeks for a question d'actualité (the Council meets monthly), a
    /// month for the guarantors.
    /// </summary>
    public static TimeSpan AnswerTime(string kind) => TimeSpan.FromDays(kind switch
    {
        OralQuestion or Interpellation => 60,
        TopicalQuestion => 14,
        _ => 30,
    });

    /// <summary>The kinds answered in an exchange session with the executive, which is scheduled.</summary>
    public static bool IsScheduled(string kind) => kind is OralQuestion or Interpellation or TopicalQuestion;
}

public static class QuestionStates
{
    public const string Draft = "draft";
    public const string Validated = "validated";
    public const string Submitted = "submitted";
    public const string Admissible = "admissible";
    public const string Inadmissible = "inadmissible";
    public const string Merged = "merged";
    public const string Scheduled = "scheduled";
    public const string Acknowledged = "acknowledged";
    public const string Answered = "answered";
    public const string FollowUpRequested = "follow-up-requested";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All =
        [Draft, Validated, Submitted, Admissible, Inadmissible, Merged, Scheduled, Acknowledged, Answered, FollowUpRequested, Closed];

    /// <summary>States in which an answer is still owed.</summary>
    public static readonly IReadOnlyList<string> Awaiting = [Submitted, Admissible, Scheduled, Acknowledged];
}

public static class Addressees
{
    public const string Mayor = "mayor";
    public const string Deputy = "deputy";
    public const string Department = "department";
    public const string Guarantors = "guarantors";

    public static readonly IReadOnlyList<string> Executive = [Mayor, Deputy, Department];
}

/// <summary>What a body's member writes: kind, title, text, whom it is addressed to, the agenda items and themes it is about.</summary>
public sealed record QuestionDraft(
    string Kind, string Title, string Text, string AddresseeKind, string Addressee, IReadOnlyList<string>? ItemIds,
    IReadOnlyList<string>? Themes)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(QuestionKinds.All.Contains(Kind ?? ""), "kind", FieldRule.OneOf(QuestionKinds.All))
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 300, "title", FieldRule.Text(300))
        .Require(!string.IsNullOrWhiteSpace(Text) && Text.Length <= 20_000, "text", FieldRule.Text(20_000))
        .Require(Kind == QuestionKinds.Referral
                ? AddresseeKind == Addressees.Guarantors
                : Addressees.Executive.Contains(AddresseeKind ?? ""),
            "addresseeKind", Kind == QuestionKinds.Referral
                ? new FieldRule("referral-to-guarantors", "A referral is addressed to the guarantors.")
                : FieldRule.OneOf(Addressees.Executive))
        .Require(!string.IsNullOrWhiteSpace(Addressee) && Addressee.Length <= 200, "addressee",
            new FieldRule("addressee",
                "Whom: the mayor, a deputy by portfolio, a department, the guarantors' committee (1 to 200 characters)."))
        .Require((ItemIds ?? []).Count <= 20 && (ItemIds ?? []).All(id => !string.IsNullOrWhiteSpace(id)), "itemIds",
            new FieldRule("question-items", "At most 20 agenda items."))
        .Require((Themes ?? []).Count <= 10 && (Themes ?? []).All(theme => theme is { Length: > 0 and <= 100 }), "themes",
            new FieldRule("question-themes", "At most 10 themes of 1 to 100 characters."));
}

/// <summary>A question, an interpellation or a referral, where it stands.</summary>
/// <param name="BodyId">The body that drafted it.</param>
/// <param name="AnswerDue">Set at submission from the kind's answer time.</param>
public sealed record Question(
    Guid Id, string BodyId, string Kind, string Title, string Text, string AddresseeKind, string Addressee,
    IReadOnlyList<string> ItemIds, IReadOnlyList<string> Themes, string State, DateTimeOffset DraftedAt, DateTimeOffset? SubmittedAt,
    DateTimeOffset? AnswerDue, DateTimeOffset? FirstAnsweredAt, Guid? MergedInto, string? InadmissibleReason, Guid? ExchangeSessionId,
    bool OpinionPublic, DateTimeOffset UpdatedAt)
{
    public bool IsReferral => Kind == QuestionKinds.Referral;

    /// <summary>Answered in an exchange session with the executive, which it is scheduled for once admissible.</summary>
    public bool AnsweredInSession => QuestionKinds.IsScheduled(Kind);

    /// <summary>Submitted questions are public; a referral once the guarantors publish their opinion.</summary>
    public bool IsPublic => SubmittedAt is not null && (!IsReferral || OpinionPublic);

    /// <summary>No answer yet, past the deadline, and one is still owed.</summary>
    public bool IsOverdue(DateTimeOffset now) =>
        AnswerDue is { } due && FirstAnsweredAt is null && now > due && QuestionStates.Awaiting.Contains(State);

    public bool AnsweredInTime => FirstAnsweredAt is { } answered && AnswerDue is { } due && answered <= due;
}

/// <summary>How a body decided: a vote in sessions (closed and adopted), or a decision its secretariat records.</summary>
public sealed record BodyDecision(Guid? VoteId, string? Decision)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(VoteId is not null ^ !string.IsNullOrWhiteSpace(Decision), "decision",
            new FieldRule("vote-or-decision", "Either the vote that decided (voteId) or the decision recorded (decision), not both."))
        .Require(Decision is null || Decision.Length <= 1000, "decision", FieldRule.AtMost(1000));
}

/// <summary>The executive's office on admissibility.</summary>
public sealed record Ruling(string Decision, string? Reason, Guid? MergedInto)
{
    public static readonly IReadOnlyList<string> Decisions = [QuestionStates.Admissible, QuestionStates.Inadmissible,
        QuestionStates.Merged];

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Decisions.Contains(Decision ?? ""), "decision", FieldRule.OneOf(Decisions))
        .Require(Decision != QuestionStates.Inadmissible || !string.IsNullOrWhiteSpace(Reason), "reason",
            new FieldRule("inadmissible-reason", "Why the question is inadmissible."))
        .Require(Reason is null || Reason.Length <= 2000, "reason", FieldRule.AtMost(2000))
        .Require(Decision != QuestionStates.Merged || MergedInto is not null, "mergedInto",
            new FieldRule("merged-into", "The question it is merged with."));
}

public sealed record AnswerRequest(string AnsweredAs, string Text, IReadOnlyList<Paper>? Attachments)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(AnsweredAs) && AnsweredAs.Length <= 200, "answeredAs",
            new FieldRule("answered-as",
                "Who answers, as published: the deputy for housing, the department of finance, the guarantors' committee."))
        .Require(!string.IsNullOrWhiteSpace(Text) && Text.Length <= 50_000, "text", FieldRule.Text(50_000))
        .Require((Attachments ?? []).Count <= 20 && (Attachments ?? []).All(a => a?.Name is { Length: > 0 and <= 300 } &&
            Uri.TryCreate(a.AccessUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"), "attachments",
            new FieldRule("attachments", "At most 20 files, each with a name and an http(s) address."));
}

public sealed record Answer(Guid Id, string AnsweredAs, string Text, IReadOnlyList<Paper> Attachments, DateTimeOffset AnsweredAt);

/// <summary>The body's reaction to an answer: satisfied (the question closes) or asking for a follow-up.</summary>
public sealed record Reaction(string Outcome, string? Comment)
{
    public const string Satisfied = "satisfied";

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Outcome is Satisfied or QuestionStates.FollowUpRequested, "outcome",
            FieldRule.OneOf([Satisfied, QuestionStates.FollowUpRequested]))
        .Require(Outcome != QuestionStates.FollowUpRequested || !string.IsNullOrWhiteSpace(Comment), "comment",
            new FieldRule("follow-up-comment", "What the body still asks."))
        .Require(Comment is null || Comment.Length <= 5000, "comment", FieldRule.AtMost(5000));
}

public sealed record Invitation(IReadOnlyList<string> Bodies)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Bodies is { Count: > 0 and <= 10 } && Bodies.All(body => body is not null && BodyIds.IsValid(body)), "bodies",
            new FieldRule("body-ids", "1 to 10 body ids."));
}

/// <summary>A body's answer to an invitation to co-sign, with its own validation when it accepts.</summary>
public sealed record CoSigning(bool Accept, Guid? VoteId, string? Decision)
{
    public ValidationErrors Validate() => Accept ? new BodyDecision(VoteId, Decision).Validate() : [];
}

/// <summary>A body invited to co-sign, and where its answer stands.</summary>
public sealed record CoSigner(string BodyId, string State, DateTimeOffset InvitedAt, DateTimeOffset? AnsweredAt);

/// <summary>One step of a question's life: when, on whose behalf, what.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string ActingAs, string Action, System.Text.Json.JsonElement Detail);

/// <summary>The rules of a question's life, without I/O: each transition from the states it may leave.</summary>
public static class QuestionRules
{
    public static void EnsureState(Question question, string action, params string[] states)
    {
        if (!states.Contains(question.State))
        {
            throw RuleViolation.Conflict("not-now", "Not now",
                $"The question is {question.State}; it can be {action} when {string.Join(" or ", states)}.");
        }
    }

    public static void EnsureQuestion(Question question, string action)
    {
        if (question.IsReferral)
        {
            throw RuleViolation.Conflict("referral-not-allowed", "A referral", $"A referral to the guarantors is not {action}.");
        }
    }

    /// <summary>
    /// Where a submission starts from: a question once its body validated it; a referral, which members make at any time, from its
    /// draft.
    /// </summary>
    public static string SubmittableState(Question question) => question.IsReferral ? QuestionStates.Draft : QuestionStates.Validated;

    /// <summary>A body's secretariat submits its questions; its members refer matters to the guarantors themselves.</summary>
    public static void EnsureMaySubmit(Question question, bool secretariat)
    {
        if (!question.IsReferral && !secretariat)
        {
            throw RuleViolation.Forbidden("submitted-by-the-secretariat", "Submitted by the secretariat",
                "A body's secretariat submits its questions once validated; members refer matters to the guarantors themselves.");
        }
    }

    /// <summary>Bodies are invited and answer until the executive's office rules on the question.</summary>
    public static readonly string[] OpenToCoSigning = [QuestionStates.Draft, QuestionStates.Validated, QuestionStates.Submitted];

    public static void EnsureInvitable(Question question, IEnumerable<string> bodies)
    {
        EnsureQuestion(question, "co-signed");
        EnsureState(question, "co-signed", OpenToCoSigning);
        if (bodies.Contains(question.BodyId))
        {
            throw RuleViolation.Unprocessable("its-own-body", "Its own body", "The body that drafted the question signs it already.");
        }
    }

    public static void EnsureSchedulable(Question question)
    {
        if (!QuestionKinds.IsScheduled(question.Kind))
        {
            throw RuleViolation.Conflict("answered-in-writing", "Answered in writing",
                "A written question is answered in writing, not in an exchange session.");
        }
        EnsureState(question, "scheduled", QuestionStates.Admissible, QuestionStates.Scheduled);
    }

    public static void EnsureAnswerable(Question question) => EnsureState(question, "answered", question.IsReferral
        ? [QuestionStates.Acknowledged, QuestionStates.FollowUpRequested]
        : [QuestionStates.Admissible, QuestionStates.Scheduled, QuestionStates.FollowUpRequested]);

    public static void EnsureClosable(Question question)
    {
        if (question.SubmittedAt is null || question.State is QuestionStates.Closed or QuestionStates.Inadmissible or QuestionStates.Merged)
        {
            throw RuleViolation.Conflict("not-open", "Not open",
                $"The question is {question.State}; only a submitted, open question is closed.");
        }
    }

    /// <summary>The question another is merged with: another submitted question still open.</summary>
    public static void EnsureMergeTarget(Question question, Question? target)
    {
        if (target is null || target.Id == question.Id || target.IsReferral || target.SubmittedAt is null ||
            target.State is QuestionStates.Inadmissible or QuestionStates.Merged or QuestionStates.Closed)
        {
            throw RuleViolation.Unprocessable("no-such-question", "No such question",
                "A question is merged with another submitted question still open.");
        }
    }
}

/// <summary>Who reads a question beyond the public register.</summary>
public static class QuestionAccess
{
    /// <summary>
    /// From <paramref name="bodyId"/>: its insiders (members, secretariat) read the questions it drafted or is invited to co-sign;
    /// its executive reads its submitted questions, its guarantors its submitted referrals.
    /// </summary>
    public static bool MayRead(Question question, IReadOnlyList<CoSigner> cosigners, string bodyId, bool insider, bool executive,
        bool guarantor) =>
        insider && (question.BodyId == bodyId || cosigners.Any(c => c.BodyId == bodyId)) ||
        executive && ForExecutive(question, bodyId) || guarantor && ForGuarantors(question, bodyId);

    /// <summary>The executive's office of a body deals with its submitted questions; referrals are not its to see.</summary>
    public static bool ForExecutive(Question question, string bodyId) =>
        question.BodyId == bodyId && question.SubmittedAt is not null && !question.IsReferral;

    /// <summary>The guarantors deal with a body's submitted referrals.</summary>
    public static bool ForGuarantors(Question question, string bodyId) =>
        question.BodyId == bodyId && question.SubmittedAt is not null && question.IsReferral;
}
