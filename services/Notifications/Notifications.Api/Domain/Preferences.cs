using Assemblee.Common.Rules;

namespace Assemblee.Notifications.Domain;

/// <summary>Hours of the day (Paris time) when a person wants no message; the window may cross midnight (21:00–08:00).</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly Until)
{
    public bool Contains(TimeOnly time) => From <= Until ? time >= From && time < Until : time >= From || time < Until;

    /// <summary><paramref name="now"/> when it is outside the window, else the window's end.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Languages.Paris);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!Contains(time))
        {
            return now;
        }
        var day = DateOnly.FromDateTime(local.DateTime);
        var endDay = From > Until && time >= From ? day.AddDays(1) : day;
        var end = endDay.ToDateTime(Until);
        return new DateTimeOffset(end, Languages.Paris.GetUtcOffset(end)).ToUniversalTime();
    }
}

/// <summary>
/// What a member chose: the language of their messages, quiet hours, and per kind the channels. A kind the law requires
/// always goes by its own channel, whatever else is chosen.
/// </summary>
public sealed record Preferences(string Language, QuietHours? QuietHours, IReadOnlyDictionary<string, IReadOnlyList<string>> ByKind)
{
    public static Preferences Default { get; } = new(Languages.French, null, new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The channels a message of <paramref name="kind"/> goes by for this person.</summary>
    public IReadOnlyList<string> ChannelsFor(MessageKind kind)
    {
        var chosen = ByKind.TryGetValue(kind.Name, out var channels) ? channels : [kind.Channel];
        return kind.LegallyRequired && !chosen.Contains(kind.Channel) ? [kind.Channel, .. chosen] : chosen;
    }

    /// <summary>The same preferences with the kind's e-mails turned off (an unsubscribe link).</summary>
    public Preferences WithoutEmail(MessageKind kind) => this with
    {
        ByKind = new Dictionary<string, IReadOnlyList<string>>(ByKind)
        {
            [kind.Name] = [.. ChannelsFor(kind).Where(channel => channel != Channels.Email)],
        },
    };

    /// <summary>Every field's error: a known language, known kinds, channels each kind can use.</summary>
    public static ValidationErrors Validate(string? language, IReadOnlyDictionary<string, string[]>? channels)
    {
        var errors = new ValidationErrors().Require(language is not null && Languages.All.Contains(language), "language",
            FieldRule.OneOf(Languages.All));
        foreach (var (kind, chosen) in channels ?? new Dictionary<string, string[]>())
        {
            if (!MessageKinds.All.TryGetValue(kind, out var messageKind))
            {
                errors.Add($"channels.{kind}", new FieldRule("unknown-message-kind",
                    $"There is no kind '{kind}': kinds are {string.Join(", ", MessageKinds.All.Keys)}.", kind));
            }
            else if (chosen is null || chosen.Any(channel => !messageKind.Choosable.Contains(channel))
                || chosen.Distinct().Count() != chosen.Length)
            {
                errors.Add($"channels.{kind}", new FieldRule("message-channels",
                    $"'{kind}' messages go by {string.Join(" or ", messageKind.Choosable)}, each at most once.",
                    string.Join(", ", messageKind.Choosable)));
            }
        }
        return errors;
    }
}
