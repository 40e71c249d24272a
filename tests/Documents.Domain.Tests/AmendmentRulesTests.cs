using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain.Tests;

public sealed class AmendmentRulesTests
{
    private static readonly Section[] Text =
    [
        new("Exposé des motifs", "Les logements sont mal isolés."),
        new("Article 1", "La Ville finance les rénovations."),
    ];

    private static Amendment Proposed(int number, int section, string operation, string? text = null, string? heading = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), number, section, operation, heading, text, Text[section - 1].Markdown, 1, "m",
            "Motif", AmendmentStates.Proposed, DateTimeOffset.UnixEpoch, null, null, null);

    [Fact]
    public void Accepting_applies_exactly_the_change_replace_insert_or_delete()
    {
        var replaced = AmendmentRules.Apply(Text, Proposed(1, 2, AmendmentOperations.Replace, "La Ville finance et accompagne."));
        var inserted = AmendmentRules.Apply(Text, Proposed(2, 2, AmendmentOperations.Insert, "Un bilan est publié.", "Article 2"));
        var deleted = AmendmentRules.Apply(Text, Proposed(3, 1, AmendmentOperations.Delete));

        Assert.Equal([Text[0], new Section("Article 1", "La Ville finance et accompagne.")], replaced);
        Assert.Equal([Text[0], Text[1], new Section("Article 2", "Un bilan est publié.")], inserted);
        Assert.Equal([Text[1]], deleted);
    }

    [Fact]
    public void Amendments_on_the_same_section_conflict_and_one_whose_section_changed_no_longer_applies()
    {
        var first = Proposed(1, 2, AmendmentOperations.Replace, "A");
        var second = Proposed(2, 2, AmendmentOperations.Delete);
        var elsewhere = Proposed(3, 1, AmendmentOperations.Replace, "B");
        var all = new[] { first, second, elsewhere };

        Assert.Equal([2], AmendmentRules.ConflictsOf(first, all));
        Assert.Empty(AmendmentRules.ConflictsOf(elsewhere, all));
        Assert.Empty(AmendmentRules.ConflictsOf(first with { State = AmendmentStates.Accepted }, all));
        var afterFirst = AmendmentRules.Apply(Text, first);
        Assert.Equal("Section changed", Assert.Throws<RuleViolation>(() => AmendmentRules.Apply(afterFirst, second)).Title);
        Assert.Throws<RuleViolation>(() => AmendmentRules.EnsureProposed(first with { State = AmendmentStates.Rejected }));
    }

    [Fact]
    public void An_amendment_names_an_existing_section_and_never_removes_the_last_one()
    {
        var document = new Document(Guid.NewGuid(), "body", Guid.NewGuid(), null, null, DocumentKinds.Voeu, DocumentStates.Draft, 1,
            "Vœu",
            [Text[0]], DateTimeOffset.UnixEpoch);

        Assert.Throws<RuleViolation>(() => AmendmentRules.EnsureTarget(document, new AmendmentRequest(2, "replace", null, "x", "m")));
        Assert.Throws<RuleViolation>(() => AmendmentRules.EnsureTarget(document, new AmendmentRequest(1, "delete", null, null, "m")));
        Assert.Contains("motivation", new AmendmentRequest(1, "replace", null, "x", " ").Validate().Keys);
        Assert.Contains("text", new AmendmentRequest(1, "insert", "h", null, "m").Validate().Keys);
    }
}
