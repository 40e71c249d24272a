using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>How members vote: individual electronic ballots, or a show of hands the secretariat counts and records as totals.</summary>
public static class VoteMethods
{
    public const string Ballot = "ballot";
    public const string ShowOfHands = "show-of-hands";
}

/// <summary>
/// When an option carries the vote. "Expressed" ballots are those for an option other than abstention.
/// Simple: more than any other option. Absolute: more than half of the expressed ballots. Two-thirds: at least two thirds of them.
/// Unanimity: every expressed ballot (abstentions do not break it).
/// </summary>
public static class MajorityRules
{
    public const string Simple = "simple";
    public const string Absolute = "absolute";
    public const string TwoThirds = "two-thirds";
    public const string Unanimity = "unanimity";

    public static readonly IReadOnlyList<string> All = [Simple, Absolute, TwoThirds, Unanimity];
}

public static class VoteStates
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>What a vote decides: its outcome as the document service reads it from VoteClosed.</summary>
public static class VoteDecisions
{
    /// <summary>"for" carried a for/against vote.</summary>
    public const string Adopted = "adopted";

    /// <summary>A for/against vote where "for" did not carry.</summary>
    public const string Rejected = "rejected";

    /// <summary>An option of a list carried.</summary>
    public const string Chosen = "chosen";

    /// <summary>No option of a list carried.</summary>
    public const string NoMajority = "no-majority";

    /// <summary>The vote needed a quorum that was lost before it closed: nothing is decided.</summary>
    public const string NoQuorum = "no-quorum";
}

/// <summary>What a vote is about, when a document follows it: adopting a work mandate, validating an opinion or a vœu.</summary>
/// <param name="Purpose">work-mandate-adoption or document-validation.</param>
public sealed record VoteSubject(string Purpose, Guid DocumentId)
{
    public static readonly IReadOnlyList<string> Purposes = ["work-mandate-adoption", "document-validation"];
}

public sealed record VoteRequest(
    string Question, IReadOnlyList<string>? Options, string Majority, string Method, bool Secret, bool RequiresQuorum, VoteSubject? Subject)
{
    public static readonly IReadOnlyList<string> ForAgainstAbstention = ["for", "against", Vote.Abstention];

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Question) && Question.Length <= 500, "question", FieldRule.Text(500))
        .Require(Options is null || Options.Count is >= 2 and <= 20 && Options.All(o => !string.IsNullOrWhiteSpace(o) && o.Length <= 200)
            && Options.Select(o => o.Trim()).Distinct().Count() == Options.Count, "options",
                new FieldRule("vote-options", "2 to 20 distinct options of 1 to 200 characters."))
        .Require(MajorityRules.All.Contains(Majority), "majority", FieldRule.OneOf(MajorityRules.All))
        .Require(Method is VoteMethods.Ballot or VoteMethods.ShowOfHands, "method",
            FieldRule.OneOf([VoteMethods.Ballot, VoteMethods.ShowOfHands]))
        .Require(!Secret || Method == VoteMethods.Ballot, "secret",
            new FieldRule("secret-ballot", "Only a ballot is secret; a show of hands is seen by all."))
        .Require(Subject is null || VoteSubject.Purposes.Contains(Subject.Purpose), "subject.purpose",
            FieldRule.OneOf(VoteSubject.Purposes))
        .Require(Subject is null || Options is null, "options",
            new FieldRule("document-vote-options", "A vote on a document is for, against or abstention."));

    public Vote ToVote(Guid id, Session session) => new(id, session.BodyId, session.Id, Question.Trim(),
        Options?.Select(o => o.Trim()).ToList() ?? ForAgainstAbstention, Majority, Method, Secret, RequiresQuorum, Subject,
            VoteStates.Draft,
        null, null, null);
}

/// <summary>The totals a secretariat counted in a show of hands.</summary>
public sealed record HandCount(IReadOnlyDictionary<string, int> Totals);

/// <summary>The published result: totals per option, quorum and majority evaluated when the vote closed.</summary>
/// <param name="Cast">Every ballot, abstentions included.</param>
/// <param name="Expressed">Ballots for an option other than abstention.</param>
/// <param name="Winner">The option that carried under the majority rule; null when none did.</param>
public sealed record VoteResult(
    IReadOnlyDictionary<string, int> Totals, int Cast, int Expressed, QuorumState Quorum, string? Winner, string Decision);

/// <summary>A vote held during a session; <see cref="Secret"/> ballots are stored apart from who voted.</summary>
public sealed record Vote(
    Guid Id, string BodyId, Guid SessionId, string Question, IReadOnlyList<string> Options, string Majority, string Method, bool Secret,
    bool RequiresQuorum, VoteSubject? Subject, string State, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt, VoteResult? Result)
{
    public const string Abstention = "abstention";

    /// <summary>Whether this is a for/against vote (abstention or not), which adopts or rejects rather than chooses.</summary>
    private bool ForAgainst => Options.Where(option => option != Abstention).Order().SequenceEqual(["against", "for"]);

    public void EnsureOpenable(Session session, QuorumState quorum)
    {
        if (State != VoteStates.Draft)
        {
            throw RuleViolation.Conflict("not-openable", "Not openable", $"The vote is {State}.");
        }
        if (session.State != SessionStates.Convened || session.Kind is not ("plenary" or "atelier-meeting"))
        {
            throw RuleViolation.Conflict("not-openable", "Not openable",
                $"Votes are held in a convened plenary or atelier meeting; this is a {session.State} "
                + $"{session.Kind}.");
        }
        if (RequiresQuorum)
        {
            quorum.EnsureReached("Opening this vote");
        }
    }

    public void EnsureBallot(string option)
    {
        if (State != VoteStates.Open || Method != VoteMethods.Ballot)
        {
            throw RuleViolation.Conflict("not-open-for-ballots", "Not open for ballots",
                Method == VoteMethods.Ballot ? $"The vote is {State}." : "A show of hands.");
        }
        if (!Options.Contains(option))
        {
            throw RuleViolation.Unprocessable("unknown-option", "Unknown option", $"Vote one of: {string.Join(", ", Options)}.");
        }
    }

    /// <summary>An open vote closes; a show of hands with the secretariat's totals, a ballot without (its ballots are counted).</summary>
    public void EnsureClosable(HandCount? count)
    {
        if (State != VoteStates.Open)
        {
            throw RuleViolation.Conflict("not-open", "Not open", $"The vote is {State}.");
        }
        if (Method == VoteMethods.Ballot && count is not null)
        {
            throw RuleViolation.Unprocessable("not-a-show-of-hands", "Not a show of hands",
                "A ballot is counted from its ballots; give no totals.");
        }
    }

    /// <summary>A show of hands' totals: only options, none negative, no more hands than voters present.</summary>
    public IReadOnlyDictionary<string, int> HandTotals(HandCount? count, int voters)
    {
        if (count?.Totals is not { } totals || totals.Keys.Any(option => !Options.Contains(option)) || totals.Values.Any(n => n < 0))
        {
            throw RuleViolation.Unprocessable("totals-required", "Totals required",
                $"Give a non-negative total for options among: {string.Join(", ", Options)}.");
        }
        if (totals.Values.Sum() > voters)
        {
            throw RuleViolation.Unprocessable("too-many-hands", "Too many hands",
                $"{totals.Values.Sum()} hands counted but only {voters} members may vote.");
        }
        return totals;
    }

    /// <summary>Evaluates the totals under the majority rule and the quorum at closing.</summary>
    public VoteResult Evaluate(IReadOnlyDictionary<string, int> counted, QuorumState quorum)
    {
        var totals = Options.ToDictionary(option => option, option => counted.GetValueOrDefault(option));
        var expressed = totals.Where(t => t.Key != Abstention).ToList();
        var sum = expressed.Sum(t => t.Value);
        var top = expressed.OrderByDescending(t => t.Value).Take(2).ToList();
        var leader = top.Count > 0 && top[0].Value > 0 && (top.Count == 1 || top[0].Value > top[1].Value) ? top[0] : (KeyValuePair<string,
            int>?)null;
        var carries = leader is { } l && Majority switch
        {
            MajorityRules.Absolute => 2 * l.Value > sum,
            MajorityRules.TwoThirds => 3 * l.Value >= 2 * sum,
            MajorityRules.Unanimity => l.Value == sum,
            _ => true,
        };
        var winner = carries && (!RequiresQuorum || quorum.Reached) ? leader!.Value.Key : null;
        var decision = RequiresQuorum && !quorum.Reached ? VoteDecisions.NoQuorum
            : ForAgainst ? winner == "for" ? VoteDecisions.Adopted : VoteDecisions.Rejected
            : winner is null ? VoteDecisions.NoMajority : VoteDecisions.Chosen;
        return new VoteResult(totals, totals.Values.Sum(), sum, quorum, winner, decision);
    }
}

/// <summary>A member's electronic ballot.</summary>
public sealed record Ballot(string Option)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Option), "option", new FieldRule("option", "The option voted for."));
}
