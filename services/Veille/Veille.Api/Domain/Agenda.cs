using System.Text.RegularExpressions;
using Assemblee.Common.Rules;

namespace Assemblee.Veille.Domain;

/// <summary>
/// The Council of Paris's agenda as a file brings it, in OParl's shape (a Meeting and its agendaItem list, an item's
/// auxiliaryFile list), with the Council's own fields: the reference, the kind, the commission, the rapporteur, themes.
/// </summary>
public sealed record AgendaFile(IReadOnlyList<MeetingEntry>? Meetings);

public sealed record MeetingEntry(string? Id, string? Name, DateTimeOffset? Start, DateTimeOffset? End,
    IReadOnlyList<ItemEntry>? AgendaItem);

public sealed record ItemEntry(
    string? Id, string? Number, string? Reference, string? Kind, string? Name, string? Commission, string? Rapporteur,
    IReadOnlyList<string>? Themes, IReadOnlyList<Paper>? AuxiliaryFile);

/// <summary>A document of an item: its name and where the city publishes it.</summary>
public sealed record Paper(string Name, string AccessUrl);

public sealed record CouncilMeeting(string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);

/// <summary>An item of the Council's agenda as veille keeps it.</summary>
/// <param name="Revision">Raised by each import that changes the item or its scheduling.</param>
public sealed record AgendaItem(
    string Id, string MeetingId, string Number, string Reference, string Kind, string Title, string Commission, string Rapporteur,
    IReadOnlyList<string> Themes, IReadOnlyList<Paper> Papers, int Revision, DateTimeOffset UpdatedAt);

/// <summary>An item with its meeting, as readers see it.</summary>
public sealed record ScheduledItem(AgendaItem Item, CouncilMeeting Meeting);

public static partial class AgendaImport
{
    public static readonly IReadOnlyList<string> Kinds = ["deliberation", "voeu", "question", "communication"];

    public const int MaxItems = 5_000;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")]
    private static partial Regex IdPattern();

    /// <summary>Every error of the file at once, each under the path of its field (meetings[0].agendaItem[2].reference).</summary>
    public static ValidationErrors Validate(AgendaFile? file)
    {
        var errors = new ValidationErrors();
        if (file?.Meetings is not { Count: > 0 } meetings || meetings.Any(meeting => meeting is null))
        {
            return errors.Add("meetings", new FieldRule("meetings-required", "At least one meeting of the Council, and no empty entry."));
        }
        var itemIds = new HashSet<string>();
        errors.Require(meetings.Select(m => m.Id).Distinct().Count() == meetings.Count, "meetings",
            new FieldRule("meeting-once", "Each meeting once."));
        errors.Require(meetings.Sum(m => m.AgendaItem?.Count ?? 0) <= MaxItems, "meetings",
            new FieldRule("too-many-items", $"At most {MaxItems:N0} items in a file.", MaxItems));
        for (var m = 0; m < meetings.Count; m++)
        {
            var meeting = meetings[m];
            var at = $"meetings[{m}]";
            errors.Require(IdPattern().IsMatch(meeting.Id ?? ""), $"{at}.id",
                new FieldRule("agenda-id", "An id of letters, digits, '.', '_', ':' or '-'."))
                .Require(Text(meeting.Name, 300), $"{at}.name", FieldRule.Text(300))
                .Require(meeting.Start is not null, $"{at}.start", new FieldRule("meeting-start", "When the meeting starts (ISO 8601)."))
                .Require(meeting.End is null || meeting.End > meeting.Start, $"{at}.end", new FieldRule("after-start", "After the start."));
            var items = meeting.AgendaItem ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{at}.agendaItem[{i}]";
                if (items[i] is not { } item)
                {
                    errors.Add(path, new FieldRule("empty-item", "An item, not an empty entry."));
                    continue;
                }
                errors.Require(IdPattern().IsMatch(item.Id ?? "") && itemIds.Add(item.Id!), $"{path}.id",
                    new FieldRule("unique-id", "A unique id in the file."))
                    .Require(Text(item.Number, 20), $"{path}.number", FieldRule.Text(20))
                    .Require(Text(item.Reference, 50), $"{path}.reference",
                        new FieldRule("council-reference", "The Council's reference, such as 2024 DFA 12."))
                    .Require(Kinds.Contains(item.Kind ?? ""), $"{path}.kind", FieldRule.OneOf(Kinds))
                    .Require(Text(item.Name, 1000), $"{path}.name", FieldRule.Text(1000))
                    .Require(item.Commission is null || item.Commission.Length <= 200, $"{path}.commission", FieldRule.AtMost(200))
                    .Require(item.Rapporteur is null || item.Rapporteur.Length <= 200, $"{path}.rapporteur", FieldRule.AtMost(200))
                    .Require((item.Themes ?? []).All(theme => Text(theme, 100)), $"{path}.themes",
                        new FieldRule("agenda-themes", "Themes of 1 to 100 characters."))
                    .Require((item.AuxiliaryFile ?? [])
                        .All(paper => paper is not null && Text(paper.Name, 300) && IsWebAddress(paper.AccessUrl)),
                        $"{path}.auxiliaryFile", new FieldRule("agenda-files", "Each file with a name and an http(s) address."));
            }
        }
        return errors;
    }

    /// <summary>
    /// The meeting as stored: times in UTC to the microsecond, PostgreSQL's precision, so that a re-import compares equal.
    /// </summary>
    public static CouncilMeeting Meeting(MeetingEntry meeting) =>
        new(meeting.Id!, meeting.Name!.Trim(), Microseconds(meeting.Start!.Value), meeting.End is { } end ? Microseconds(end) : null);

    private static DateTimeOffset Microseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>The meetings and items of a valid file, as veille keeps them (revisions are set when stored).</summary>
    public static IEnumerable<(CouncilMeeting Meeting, AgendaItem Item)> Read(AgendaFile file, DateTimeOffset now) =>
        from meeting in file.Meetings!
        let council = Meeting(meeting)
        from item in meeting.AgendaItem ?? []
        select (council, new AgendaItem(item.Id!, meeting.Id!, item.Number!.Trim(), item.Reference!.Trim(), item.Kind!,
            item.Name!.Trim(), item.Commission?.Trim() ?? "", item.Rapporteur?.Trim() ?? "",
            [.. (item.Themes ?? []).Select(theme => theme.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)],
            [.. item.AuxiliaryFile ?? []], 0, now));

    private static bool Text(string? value, int max) => !string.IsNullOrWhiteSpace(value) && value.Length <= max;

    private static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}

/// <summary>What an import changed of an item: nothing, or the names of what moved (added, scheduling, title…).</summary>
public static class AgendaChanges
{
    public const string Added = "added";
    public const string Scheduling = "scheduling";

    public static IReadOnlyList<string> Between(ScheduledItem? before, ScheduledItem after)
    {
        if (before is null)
        {
            return [Added];
        }
        var (was, now) = (before.Item, after.Item);
        var changes = new List<string>();
        if (was.MeetingId != now.MeetingId || before.Meeting.StartsAt != after.Meeting.StartsAt ||
            before.Meeting.EndsAt != after.Meeting.EndsAt)
        {
            changes.Add(Scheduling);
        }
        Add("number", was.Number != now.Number);
        Add("reference", was.Reference != now.Reference);
        Add("kind", was.Kind != now.Kind);
        Add("title", was.Title != now.Title);
        Add("commission", was.Commission != now.Commission);
        Add("rapporteur", was.Rapporteur != now.Rapporteur);
        Add("themes", !was.Themes.SequenceEqual(now.Themes));
        Add("papers", !was.Papers.SequenceEqual(now.Papers));
        return changes;

        void Add(string change, bool changed)
        {
            if (changed)
            {
                changes.Add(change);
            }
        }
    }
}
