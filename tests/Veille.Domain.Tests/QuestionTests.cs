using Assemblee.Common.Rules;

namespace Assemblee.Veille.Domain.Tests;

public sealed class QuestionTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Question Draft = new(Guid.NewGuid(), "youth", QuestionKinds.OralQuestion, "Titre", "Texte", Addressees.Deputy,
        "Adjointe", [], [], QuestionStates.Draft, Now, null, null, null, null, null, null, false, Now);

    private static Question Submitted(string kind = QuestionKinds.WrittenQuestion, double daysAgo = 0) => Draft with
    {
        Kind = kind,
        State = QuestionStates.Submitted,
        SubmittedAt = Now.AddDays(-daysAgo),
        AnswerDue = Now.AddDays(-daysAgo) + QuestionKinds.AnswerTime(kind),
    };

    [Fact]
    public void A_draft_is_valid_with_its_addressee_and_a_referral_goes_to_the_guarantors()
    {
        var draft = new QuestionDraft(QuestionKinds.Interpellation, "Titre", "Texte", Addressees.Mayor, "Maire de Paris", ["a"],
            ["climat"]);

        Assert.Empty(draft.Validate());
        Assert.Contains("addresseeKind", (draft with { Kind = QuestionKinds.Referral }).Validate().Keys);
        Assert.Empty((draft with { Kind = QuestionKinds.Referral, AddresseeKind = Addressees.Guarantors }).Validate());
        Assert.Contains("kind", (draft with { Kind = "petition" }).Validate().Keys);
        Assert.Contains("bodies", new Invitation([null!]).Validate().Keys);
        Assert.Contains("attachments", new AnswerRequest("Adjointe", "Texte", [null!]).Validate().Keys);
    }

    [Fact]
    public void A_question_waits_for_its_bodys_validation_and_is_submitted_by_the_secretariat_a_referral_by_members_too()
    {
        var referral = Draft with { Kind = QuestionKinds.Referral };

        Assert.Equal(QuestionStates.Validated, QuestionRules.SubmittableState(Draft));
        Assert.Equal(QuestionStates.Draft, QuestionRules.SubmittableState(referral));
        Assert.Equal(RuleViolationKind.Forbidden,
            Assert.Throws<RuleViolation>(() => QuestionRules.EnsureMaySubmit(Draft, secretariat: false)).Kind);
        QuestionRules.EnsureMaySubmit(referral, secretariat: false);
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureState(Draft, "submitted", QuestionStates.Validated));
    }

    [Fact]
    public void Bodies_co_sign_until_the_ruling_but_never_their_own_question_nor_a_referral()
    {
        QuestionRules.EnsureInvitable(Submitted(), ["assembly"]);

        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureInvitable(Draft, ["youth"]));
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureInvitable(Submitted() with { State = QuestionStates.Admissible }, ["x"]));
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureInvitable(Draft with { Kind = QuestionKinds.Referral }, ["x"]));
    }

    [Fact]
    public void Oral_questions_are_scheduled_once_admissible_written_ones_are_answered_in_writing()
    {
        var admissible = Submitted(QuestionKinds.OralQuestion) with { State = QuestionStates.Admissible };

        QuestionRules.EnsureSchedulable(admissible);
        QuestionRules.EnsureAnswerable(admissible);
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureSchedulable(admissible with { Kind = QuestionKinds.WrittenQuestion }));
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureSchedulable(Submitted(QuestionKinds.OralQuestion)));
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureAnswerable(Submitted()));
        QuestionRules.EnsureAnswerable(Submitted(QuestionKinds.Referral) with { State = QuestionStates.Acknowledged });
    }

    [Fact]
    public void A_question_is_merged_only_with_another_open_submitted_question()
    {
        var question = Submitted();

        QuestionRules.EnsureMergeTarget(question, Submitted() with { Id = Guid.NewGuid() });
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureMergeTarget(question, question));
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureMergeTarget(question, Draft with { Id = Guid.NewGuid() }));
        Assert.Throws<RuleViolation>(() => QuestionRules.EnsureMergeTarget(question, null));
        Assert.Contains("mergedInto", new Ruling(QuestionStates.Merged, null, null).Validate().Keys);
        Assert.Contains("reason", new Ruling(QuestionStates.Inadmissible, " ", null).Validate().Keys);
    }

    [Fact]
    public void Overdue_means_unanswered_past_the_deadline_while_an_answer_is_owed()
    {
        Assert.False(Submitted(daysAgo: 29).IsOverdue(Now));
        Assert.True(Submitted(daysAgo: 31).IsOverdue(Now));
        Assert.False((Submitted(daysAgo: 31) with { State = QuestionStates.Inadmissible }).IsOverdue(Now));
        Assert.False((Submitted(daysAgo: 31) with { FirstAnsweredAt = Now }).IsOverdue(Now));
        Assert.True(Submitted(QuestionKinds.TopicalQuestion, daysAgo: 15).IsOverdue(Now));
        Assert.False(Submitted(QuestionKinds.OralQuestion, daysAgo: 59).IsOverdue(Now));
    }

    [Fact]
    public void The_executive_sees_a_bodys_submitted_questions_and_the_guarantors_its_referrals_insiders_what_concerns_them()
    {
        CoSigner[] invited = [new("assembly", "invited", Now, null)];

        Assert.True(QuestionAccess.MayRead(Draft, invited, "assembly", insider: true, executive: false, guarantor: false));
        Assert.False(QuestionAccess.MayRead(Draft, invited, "seniors", insider: true, executive: false, guarantor: false));
        Assert.False(QuestionAccess.MayRead(Draft, [], "youth", insider: false, executive: true, guarantor: false));
        Assert.True(QuestionAccess.MayRead(Submitted(), [], "youth", insider: false, executive: true, guarantor: false));
        Assert.False(QuestionAccess.MayRead(Submitted(), [], "youth", insider: false, executive: false, guarantor: true));
        Assert.True(QuestionAccess.MayRead(Submitted(QuestionKinds.Referral), [], "youth", insider: false, executive: false,
            guarantor: true));
    }
}
