using DiffPlex;
using DiffPlex.Chunkers;

namespace Assemblee.Documents.Domain;

/// <summary>A run of words that both versions share, or that one removed or added.</summary>
/// <param name="Change">unchanged, deleted or inserted.</param>
public sealed record DiffPart(string Change, string Text);

/// <summary>The difference of one section between two versions, word by word.</summary>
public sealed record SectionDiff(int Section, string Heading, IReadOnlyList<DiffPart> Parts);

/// <summary>Word-by-word differences between two versions' sections (DiffPlex's word chunker: words and the spaces between).</summary>
public static class TextDifference
{
    public static IReadOnlyList<SectionDiff> Between(IReadOnlyList<Section> from, IReadOnlyList<Section> to) =>
        [.. Enumerable.Range(0, Math.Max(from.Count, to.Count)).Select(i =>
        {
            var before = i < from.Count ? from[i] : null;
            var after = i < to.Count ? to[i] : null;
            return new SectionDiff(i + 1, after?.Heading ?? before!.Heading, Words(Full(before), Full(after)));
        }).Where(diff => diff.Parts.Any(part => part.Change != "unchanged"))];

    private static string Full(Section? section) => section is null ? "" : $"{section.Heading}\n{section.Markdown}";

    public static IReadOnlyList<DiffPart> Words(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var parts = new List<DiffPart>();
        var position = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(parts, "unchanged", result.PiecesOld.Skip(position).Take(block.DeleteStartA - position));
            Add(parts, "deleted", result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add(parts, "inserted", result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            position = block.DeleteStartA + block.DeleteCountA;
        }
        Add(parts, "unchanged", result.PiecesOld.Skip(position));
        return parts;
    }

    private static void Add(List<DiffPart> parts, string change, IEnumerable<string> pieces)
    {
        var text = string.Concat(pieces);
        if (text.Length > 0)
        {
            parts.Add(new DiffPart(change, text));
        }
    }
}
