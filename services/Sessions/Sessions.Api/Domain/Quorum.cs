using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>
/// A body's quorum: the share, in percent, of the active members a session concerns who must be in the room (50: half of them).
/// </summary>
public sealed record QuorumRule(int Percent)
{
    public static readonly QuorumRule Default = new(50);

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Percent is >= 1 and <= 100, "percent", FieldRule.Between(1, 100));

    /// <summary>The quorum now: at least one member is always required, so an empty room never decides.</summary>
    public QuorumState Evaluate(int active, int present)
    {
        var required = Math.Max(1, (int)Math.Ceiling(active * Percent / 100m));
        return new QuorumState(Percent, active, present, required, present >= required);
    }
}

/// <param name="Active">The active members the session concerns.</param>
/// <param name="Present">Those of them in the room.</param>
public sealed record QuorumState(int Percent, int Active, int Present, int Required, bool Reached)
{
    public void EnsureReached(string what)
    {
        if (!Reached)
        {
            throw RuleViolation.Conflict("no-quorum", "No quorum",
                $"{what} needs {Required} of the {Active} active members present ({Percent} %); {Present} are.");
        }
    }
}
