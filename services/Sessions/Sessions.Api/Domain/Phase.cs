using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>A phase of a promotion's mandate (discovery, exploration, deepening and production, co-elaboration…).</summary>
public sealed record Phase(Guid Id, string BodyId, Guid PromotionId, string Name, string Description, DateOnly StartsOn, DateOnly EndsOn)
{
    /// <summary>The phase under way on <paramref name="today"/>, if any (phases do not overlap).</summary>
    public static Phase? Current(IEnumerable<Phase> phases, DateOnly today) =>
        phases.FirstOrDefault(phase => phase.StartsOn <= today && today <= phase.EndsOn);
}

public sealed record PhaseRequest(string Name, string? Description, DateOnly StartsOn, DateOnly EndsOn)
{
    public ValidationErrors Validate(IEnumerable<Phase> existing) => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Name) && Name.Length <= 120, "name", FieldRule.Text(120))
        .Require((Description ?? "").Length <= 5_000, "description", FieldRule.AtMost(5000))
        .Require(EndsOn >= StartsOn, "endsOn", new FieldRule("phase-end", "A phase ends on or after the day it starts."))
        .Require(!existing.Any(phase => phase.StartsOn <= EndsOn && StartsOn <= phase.EndsOn), "startsOn",
            new FieldRule("phase-overlap", "Phases do not overlap: this one meets another phase of the promotion."));
}
