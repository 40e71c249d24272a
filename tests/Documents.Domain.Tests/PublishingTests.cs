using Assemblee.Common.Rules;

namespace Assemblee.Documents.Domain.Tests;

public sealed class PublishingTests
{
    private static readonly Document Validated = new(Guid.NewGuid(), "body", Guid.NewGuid(), null, null, DocumentKinds.Voeu,
        DocumentStates.Validated, 4, "Vœu", [new Section("Vœu", "La Ville finance.")], DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_published_markdown_is_canonical_and_its_fingerprint_is_the_sha256_anyone_recomputes()
    {
        var publication = Publishing.Of(Validated, DateTimeOffset.UnixEpoch);

        Assert.Equal("# Vœu\n\n## Vœu\n\nLa Ville finance.\n", publication.Markdown);
        // printf '# Vœu\n\n## Vœu\n\nLa Ville finance.\n' | sha256sum
        Assert.Equal("d924b53ab1db6de12079531add5dac6a42532f77e5fea28bb7490a320fc0e73a", publication.Fingerprint);
        Assert.Equal(4, publication.Version);
    }

    [Fact]
    public void Only_a_validated_text_is_published_and_excerpts_mark_words_without_letting_markup_through()
    {
        Publishing.EnsurePublishable(Validated);
        Assert.Throws<RuleViolation>(() => Publishing.EnsurePublishable(Validated with { State = DocumentStates.Draft }));
        Assert.Equal("la <mark>rénovation</mark> &lt;b&gt;",
            Publishing.ExcerptHtml($"la {Publishing.MarkStart}rénovation{Publishing.MarkEnd} <b>"));
    }
}
