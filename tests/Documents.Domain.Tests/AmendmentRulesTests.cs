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
    public void An_amendment_shows_its_change_word_by_word_against_the_text_it_amends()
    {
        var replaced = AmendmentRules.Changes(Proposed(1, 2, AmendmentOperations.Replace, "La Ville finance et accompagne."));
        var inserted = AmendmentRules.Changes(Proposed(2, 2, AmendmentOperations.Insert, "Un bilan est publié.", "Article 2"));
        var deleted = AmendmentRules.Changes(Proposed(3, 1, AmendmentOperations.Delete));

        // Read without the insertions it is the text amended; without the deletions, the text proposed.
        Assert.Equal("La Ville finance les rénovations.", string.Concat(replaced.Where(p => p.Change != "inserted").Select(p => p.Text)));
        Assert.Equal("La Ville finance et accompagne.", string.Concat(replaced.Where(p => p.Change != "deleted").Select(p => p.Text)));
        Assert.Equal(new DiffPart("unchanged", "La Ville finance "), replaced[0]);
        Assert.Equal([new DiffPart("inserted", "Article 2\nUn bilan est publié.")], inserted);
        Assert.Equal([new DiffPart("deleted", "Les logements sont mal isolés.")], deleted);
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
        Assert.Equal("section-changed", Assert.Throws<RuleViolation>(() => AmendmentRules.Apply(afterFirst, second)).Code);
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
