using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain.Tests;

public sealed class CouncilRulesTests
{
    private static readonly Document Voeu = new(Guid.NewGuid(), "body", Guid.NewGuid(), null, null, DocumentKinds.Voeu,
        DocumentStates.Published, 2, "Vœu", [new Section("Vœu", "…")], DateTimeOffset.UnixEpoch);

    [Fact]
    public void Validated_voeux_and_deliberations_go_to_the_council_under_its_reference_and_only_adopted_texts_get_commitments()
    {
        CouncilRules.EnsureSubmittable(Voeu);
        CouncilRules.EnsureSubmittable(Voeu with { Kind = DocumentKinds.Deliberation, State = DocumentStates.Validated });
        Assert.Throws<RuleViolation>(() => CouncilRules.EnsureSubmittable(Voeu with { Kind = DocumentKinds.Synthesis }));
        Assert.Throws<RuleViolation>(() => CouncilRules.EnsureSubmittable(Voeu with { State = DocumentStates.Draft }));
        Assert.Throws<RuleViolation>(() => CouncilRules.EnsureAwaitingOutcome(Voeu));
        CouncilRules.EnsureAdopted(Voeu with { State = CouncilOutcomes.AdoptedAsAmended });
        Assert.Throws<RuleViolation>(() => CouncilRules.EnsureAdopted(Voeu with { State = CouncilOutcomes.Rejected }));
        Assert.Empty(new CouncilSubmission(new DateOnly(2024, 2, 6), "2024 DFA 12").Validate());
        Assert.NotEmpty(new CouncilSubmission(new DateOnly(2024, 2, 6), "DFA 12").Validate());
        Assert.NotEmpty(new CouncilOutcome(CouncilOutcomes.AdoptedAsAmended, new DateOnly(2024, 2, 7), null).Validate());
    }
}
