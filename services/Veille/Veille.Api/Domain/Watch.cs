using Assemblee.Common.Rules;

namespace Assemblee.Veille.Domain;

/// <summary>What a body follows on the Council's agenda: an item (by its id), a commission, or a theme.</summary>
public sealed record Follow(string BodyId, string TargetKind, string Target)
{
    public const string Item = "item";
    public const string Commission = "commission";
    public const string Theme = "theme";

    public static readonly IReadOnlyList<string> TargetKinds = [Item, Commission, Theme];

    public static ValidationErrors Validate(string targetKind, string target) => new ValidationErrors()
        .Require(TargetKinds.Contains(targetKind), "targetKind", FieldRule.OneOf(TargetKinds))
        .Require(!string.IsNullOrWhiteSpace(target) && target.Length <= 200, "target", FieldRule.Text(200));

    /// <summary>Themes and commissions are matched whatever their case; an item by its exact id.</summary>
    public static string Normalize(string targetKind, string target) =>
        targetKind == Item ? target.Trim() : target.Trim().ToLowerInvariant();

    public bool Concerns(AgendaItem item) => TargetKind switch
    {
        Item => item.Id == Target,
        Commission => item.Commission.Equals(Target, StringComparison.OrdinalIgnoreCase),
        Theme => item.Themes.Contains(Target),
        _ => false,
    };
}

public static class Watch
{
    /// <summary>The bodies to alert of a change to an item: each once, however many of its follows lead to the item.</summary>
    public static IReadOnlyList<string> Followers(AgendaItem item, IEnumerable<Follow> follows) =>
        [.. follows.Where(follow => follow.Concerns(item)).Select(follow => follow.BodyId).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>A change of a followed item, as the body sees it.</summary>
public sealed record Alert(long Id, string BodyId, string ItemId, int Revision, IReadOnlyList<string> Changes, DateTimeOffset RaisedAt);

/// <summary>A body's note on an item: private to the body until it shares it.</summary>
public sealed record Note(Guid Id, string BodyId, string ItemId, string Kind, string Title, string Markdown, DateTimeOffset WrittenAt,
    DateTimeOffset? SharedAt);

public sealed record NoteRequest(string Kind, string Title, string Markdown)
{
    public static readonly IReadOnlyList<string> Kinds = ["press-review", "decoding", "analysis", "note"];

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Kinds.Contains(Kind ?? ""), "kind", FieldRule.OneOf(Kinds))
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 300, "title", FieldRule.Text(300))
        .Require(!string.IsNullOrWhiteSpace(Markdown) && Markdown.Length <= 100_000, "markdown", FieldRule.Text(100_000));
}
