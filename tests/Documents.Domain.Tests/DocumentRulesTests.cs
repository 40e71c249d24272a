using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain.Tests;

public sealed class DocumentRulesTests
{
    private static readonly Guid Promotion = Guid.NewGuid();
    private static readonly Guid Housing = Guid.NewGuid();

    private static readonly Document Draft = new(Guid.NewGuid(), "body", Promotion, Housing, null, DocumentKinds.Voeu,
        DocumentStates.Draft, 3, "Vœu", [new Section("Vœu", "La Ville finance.")], DateTimeOffset.UnixEpoch);

    private static Caller Member(Guid? atelier, Guid? promotion = null) =>
        new("m", false, false, new ActiveMembership(promotion ?? Promotion, atelier), false);

    [Fact]
    public void A_save_names_the_version_it_changed_and_a_stale_one_is_refused_with_the_current_text()
    {
        DocumentRules.EnsureCurrent(Draft, 3, () => throw new InvalidOperationException("not needed"));
        var missing = Assert.Throws<RuleViolation>(() => DocumentRules.EnsureCurrent(Draft, null, () => new Dictionary<string, object?>()));
        var stale = Assert.Throws<RuleViolation>(() => DocumentRules.EnsureCurrent(Draft, 2,
            () => new Dictionary<string, object?> { ["currentVersion"] = 3 }));

        Assert.Equal(RuleViolationKind.PreconditionRequired, missing.Kind);
        Assert.Equal((RuleViolationKind.Stale, (object?)3), (stale.Kind, stale.Extensions["currentVersion"]));
        Assert.Throws<RuleViolation>(() => DocumentRules.EnsureEditable(Draft with { State = DocumentStates.Validated }));
        Assert.False(DocumentRules.Validates(Draft with { State = DocumentStates.Validated }));
    }

    [Fact]
    public void The_ateliers_active_members_the_secretariat_and_named_co_authors_write_and_no_one_else()
    {
        Assert.True(Writers.MayWrite(Draft, Member(Housing)));
        Assert.False(Writers.MayWrite(Draft, Member(Guid.NewGuid())));
        Assert.False(Writers.MayWrite(Draft, Member(Housing, Guid.NewGuid())));
        Assert.True(Writers.MayWrite(Draft with { AtelierId = null }, Member(Guid.NewGuid())));
        Assert.True(Writers.MayWrite(Draft, new Caller("s", true, false, null, false)));
        Assert.False(Writers.MayWrite(Draft, new Caller("e", false, true, null, false)));
        Assert.True(Writers.MayWrite(Draft, new Caller("e", false, true, null, true)));
        var mandate = new NewDocument(DocumentKinds.WorkMandate, Promotion, Housing, "Mandat", [new Section("", "…")], null);
        Assert.True(Writers.MayStart(mandate, new Caller("e", false, true, null, false)));
        Assert.False(Writers.MayStart(mandate with { Kind = DocumentKinds.Voeu }, new Caller("e", false, true, null, false)));
    }

    [Fact]
    public void A_deliberation_has_its_statement_and_at_least_one_article()
    {
        var statementOnly = new NewDocument(DocumentKinds.Deliberation, Promotion, null, "Délibération", [new Section("Exposé", "…")],
            null);

        Assert.Contains("sections", statementOnly.Validate().Keys);
        Assert.Empty((statementOnly with { Sections = [new Section("Exposé", "…"), new Section("Article 1", "…")] }).Validate());
        Assert.Contains("kind", (statementOnly with { Kind = "pamphlet" }).Validate().Keys);
        Assert.Contains("sections", (statementOnly with { Sections = [new Section("Exposé", "…"), null!] }).Validate().Keys);
    }

    [Fact]
    public void Differences_are_word_by_word_per_section_and_unchanged_sections_are_left_out()
    {
        var before = new[]
        {
            new Section("Considérants", "Considérant le froid,"), new Section("Vœu", "La Ville finance les rénovations."),
        };
        var after = new[] { before[0], new Section("Vœu", "La Ville finance et accompagne les rénovations.") };

        var diff = Assert.Single(TextDifference.Between(before, after));

        Assert.Equal(2, diff.Section);
        Assert.Equal([("inserted", "et accompagne ")], diff.Parts.Where(p => p.Change != "unchanged").Select(p => (p.Change, p.Text)));
        Assert.Equal("Vœu\nLa Ville finance et accompagne les rénovations.",
            string.Concat(diff.Parts.Where(p => p.Change != "deleted").Select(p => p.Text)));
        Assert.Equal("a <del>b</del><ins>&lt;c&gt;</ins>",
            Rendering.Html([new("unchanged", "a "), new("deleted", "b"), new("inserted", "<c>")]));
    }

    [Fact]
    public void Markdown_renders_to_html_without_any_markup_or_script_of_the_writer()
    {
        Assert.Equal("<p><strong>Article 1</strong> : la Ville finance.</p>\n", Rendering.Html("**Article 1** : la Ville finance."));
        Assert.DoesNotContain("<script", Rendering.Html("<script>alert(1)</script>"));
        Assert.DoesNotContain("javascript:", Rendering.Html("[lien](javascript:alert(1))"));
        // A writer's markup shows as text, never as an element.
        Assert.Equal("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n", Rendering.Html("<img src=x onerror=alert(1)>"));
    }
}
