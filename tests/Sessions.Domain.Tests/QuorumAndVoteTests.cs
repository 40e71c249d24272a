using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain.Tests;

public sealed class QuorumAndVoteTests
{
    private static readonly Session Plenary = new(Guid.NewGuid(), "body", Guid.NewGuid(), null, "plenary", "S", [],
        new Place("1 rue X", null, null), null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(3), [], true,
        SessionStates.Convened);

    private static readonly QuorumState Reached = QuorumRule.Default.Evaluate(100, 60);

    private static Vote Vote(string majority = MajorityRules.Simple, IReadOnlyList<string>? options = null, bool quorum = true) =>
        new VoteRequest("Adopter le mandat ?", options, majority, VoteMethods.Ballot, true, quorum, null).ToVote(Guid.NewGuid(), Plenary);

    private static Dictionary<string, int> Totals(int @for, int against, int abstention) =>
        new() { ["for"] = @for, ["against"] = against, [Domain.Vote.Abstention] = abstention };

    [Theory]
    [InlineData(50, 100, 49, false)]
    [InlineData(50, 100, 50, true)]
    [InlineData(50, 99, 50, true)]
    [InlineData(50, 99, 49, false)]
    [InlineData(67, 10, 7, true)]
    [InlineData(50, 0, 0, false)]
    public void Quorum_is_a_share_of_the_active_members_rounded_up_and_never_zero(int percent, int active, int present, bool reached) =>
        Assert.Equal(reached, new QuorumRule(percent).Evaluate(active, present).Reached);

    [Theory]
    [InlineData(MajorityRules.Simple, 40, 39, 20, "adopted")]
    [InlineData(MajorityRules.Simple, 40, 40, 20, "rejected")]
    [InlineData(MajorityRules.Absolute, 40, 39, 20, "adopted")]
    [InlineData(MajorityRules.TwoThirds, 40, 20, 0, "adopted")]
    [InlineData(MajorityRules.TwoThirds, 40, 21, 0, "rejected")]
    [InlineData(MajorityRules.Unanimity, 40, 0, 30, "adopted")]
    [InlineData(MajorityRules.Unanimity, 40, 1, 0, "rejected")]
    [InlineData(MajorityRules.Simple, 0, 0, 10, "rejected")]
    public void A_for_against_vote_is_adopted_under_its_majority_rule_abstentions_not_expressed(
        string majority, int @for, int against, int abstention, string decision)
    {
        var result = Vote(majority).Evaluate(Totals(@for, against, abstention), Reached);

        Assert.Equal(decision, result.Decision);
        Assert.Equal(@for + against, result.Expressed);
        Assert.Equal(@for + against + abstention, result.Cast);
    }

    [Fact]
    public void A_list_vote_chooses_the_leading_option_only_when_it_carries_and_a_tie_chooses_none()
    {
        var options = new[] { "Logement", "Mobilité", "Climat" };

        var plurality = Vote(MajorityRules.Simple, options).Evaluate(new Dictionary<string, int>
        {
            ["Logement"] = 4,
            ["Mobilité"] = 3,
            ["Climat"] = 3
        }, Reached);
        var absolute = Vote(MajorityRules.Absolute, options).Evaluate(new Dictionary<string, int>
        {
            ["Logement"] = 4,
            ["Mobilité"] = 3,
            ["Climat"] = 3
        }, Reached);
        var tie = Vote(MajorityRules.Simple, options).Evaluate(new Dictionary<string, int> { ["Logement"] = 3, ["Climat"] = 3 }, Reached);

        Assert.Equal(("Logement", VoteDecisions.Chosen), (plurality.Winner, plurality.Decision));
        Assert.Equal((null, VoteDecisions.NoMajority), (absolute.Winner, absolute.Decision));
        Assert.Equal((null, VoteDecisions.NoMajority), (tie.Winner, tie.Decision));
        Assert.Equal(0, tie.Totals["Mobilité"]);
    }

    [Fact]
    public void A_vote_needing_quorum_neither_opens_nor_decides_without_it()
    {
        var lost = QuorumRule.Default.Evaluate(100, 30);

        var refusal = Assert.Throws<RuleViolation>(() => Vote().EnsureOpenable(Plenary, lost));
        Vote(quorum: false).EnsureOpenable(Plenary, lost);
        Vote().EnsureOpenable(Plenary, Reached);

        Assert.Equal("No quorum", refusal.Title);
        Assert.Contains("50 of the 100", refusal.Message);
        Assert.Equal(VoteDecisions.NoQuorum, Vote().Evaluate(Totals(30, 0, 0), lost).Decision);
        Assert.Throws<RuleViolation>(() => Vote().EnsureOpenable(Plenary with { Kind = "training" }, Reached));
    }

    [Fact]
    public void Ballots_name_an_option_of_an_open_ballot_vote_and_a_show_of_hands_counts_no_more_hands_than_voters()
    {
        var open = Vote() with { State = VoteStates.Open };
        var hands = open with { Method = VoteMethods.ShowOfHands, Secret = false };

        open.EnsureBallot("for");
        Assert.Throws<RuleViolation>(() => open.EnsureBallot("maybe"));
        Assert.Throws<RuleViolation>(() => Vote().EnsureBallot("for"));
        Assert.Throws<RuleViolation>(() => hands.EnsureBallot("for"));
        Assert.Equal(10, hands.HandTotals(new HandCount(Totals(6, 3, 1)), 10).Values.Sum());
        Assert.Throws<RuleViolation>(() => hands.HandTotals(new HandCount(Totals(6, 3, 2)), 10));
        Assert.Throws<RuleViolation>(() => hands.HandTotals(new HandCount(new Dictionary<string, int> { ["peut-être"] = 1 }), 10));
        Assert.Throws<RuleViolation>(() => open.EnsureClosable(new HandCount(Totals(1, 0, 0))));
    }

    [Fact]
    public void A_request_is_refused_when_a_show_of_hands_is_secret_or_options_repeat()
    {
        Assert.Contains("secret", new VoteRequest("Q", null, MajorityRules.Simple, VoteMethods.ShowOfHands, true, false,
            null).Validate().Keys);
        Assert.Contains("options", new VoteRequest("Q", ["A", "A"], MajorityRules.Simple, VoteMethods.Ballot, false, false,
            null).Validate().Keys);
        Assert.Empty(new VoteRequest("Q", null, MajorityRules.TwoThirds, VoteMethods.Ballot, true, true,
            new VoteSubject("work-mandate-adoption", Guid.NewGuid())).Validate());
    }
}
