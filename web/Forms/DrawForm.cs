using System.Globalization;
using System.Text.RegularExpressions;
using Assemblee.Web.Components;
using Microsoft.Extensions.Localization;

namespace Assemblee.Web.Forms;

/// <summary>
/// A draw's specification as the console's form holds it: plain fields, and the seat groups, quota categories and age classes
/// one per line, so that a specification of any shape fits in a form that needs no script. Sortition's own rules (seats adding
/// up to the panel, quotas that can be met…) are checked by the service, which answers field by field.
/// </summary>
public sealed partial class DrawForm
{
    public string Title { get; set; } = "";

    public int PanelSize { get; set; } = 100;

    /// <summary>"name; seats; source list; invitations; minimum age; maximum age" on each line.</summary>
    public string SeatGroups { get; set; } = """
        electoral-list; 80; electoral; 5600; 18; 130
        citizen-card; 15; citizen-card; 1050; 18; 130
        minor; 5; minors; 350; 16; 17
        """;

    /// <summary>"category: value min-max, value min-max" on each line.</summary>
    public string Categories { get; set; } = "gender: female 48-52, male 48-52";

    /// <summary>"name; minimum age; maximum age" on each line.</summary>
    public string AgeClasses { get; set; } = """
        16-29; 16; 29
        30-44; 30; 44
        45-59; 45; 59
        60+; 60; 130
        """;

    // A box left unticked is not posted at all: what a new form holds is what an unticked box means, and a ticked default
    // belongs to the form first shown (Model).
    public bool ByArrondissement { get; set; }

    public bool BySex { get; set; }

    public bool ByAgeClass { get; set; }

    public bool OneOfEachHousehold { get; set; }

    public int Substitutes { get; set; } = 50;

    public DateOnly ReferenceDate { get; set; }

    /// <summary>In Paris time, as the secretariat reads its calendar.</summary>
    public DateTime ResponseDeadline { get; set; }

    public DateOnly SubstitutesValidUntil { get; set; }

    /// <summary>The Paris Assembly's shape, with dates counted from today: a starting point to adjust.</summary>
    public static DrawForm Model(DateOnly today) => new()
    {
        ByArrondissement = true,
        ByAgeClass = true,
        ReferenceDate = today,
        ResponseDeadline = today.AddDays(42).ToDateTime(new TimeOnly(18, 0)),
        SubstitutesValidUntil = today.AddMonths(8),
    };

    /// <summary>The specification as sortition reads it, or what cannot be read, by field (the API's field names).</summary>
    public (object? Specification, Dictionary<string, string[]> Errors) Read(IStringLocalizer texts)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var seatGroups = ReadLines(SeatGroups, "seatGroups", texts["SeatGroupLine"], errors, fields =>
            fields.Split(';', StringSplitOptions.TrimEntries) is [var name, var seats, var list, var invitations, var min, var max]
                && Numbers(seats, invitations, min, max) is [var s, var i, var lo, var hi]
                ? new { name, seats = s, sourceList = list, invitations = i, minAge = lo, maxAge = hi }
                : null);
        var categories = ReadLines(Categories, "categories", texts["CategoryLine"], errors, line =>
            CategoryPattern().Match(line) is { Success: true } category
                && ReadValues(category.Groups[2].Value) is { } values
                ? new { name = category.Groups[1].Value.Trim(), values }
                : null);
        var ageClasses = ReadLines(AgeClasses, "ageClasses", texts["AgeClassLine"], errors, fields =>
            fields.Split(';', StringSplitOptions.TrimEntries) is [var name, var min, var max] && Numbers(min, max) is [var lo, var hi]
                ? new { name, minAge = lo, maxAge = hi }
                : null);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var deadline = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(ResponseDeadline, DateTimeKind.Unspecified), Display.Paris);
        return (new
        {
            title = Title.Trim(),
            panelSize = PanelSize,
            seatGroups,
            categories,
            ageClasses,
            invitationStrata = new[] { (ByArrondissement, "arrondissement"), (BySex, "sex"), (ByAgeClass, "age-class") }
                .Where(stratum => stratum.Item1).Select(stratum => stratum.Item2),
            oneOfEachHousehold = OneOfEachHousehold,
            substitutes = Substitutes,
            referenceDate = ReferenceDate,
            responseDeadline = new DateTimeOffset(deadline),
            substitutesValidUntil = SubstitutesValidUntil,
        }, errors);
    }

    /// <summary>Each non-blank line read by <paramref name="read"/>; a line it cannot read is named with its number.</summary>
    private static List<T> ReadLines<T>(string text, string field, string expected, Dictionary<string, string[]> errors,
        Func<string, T?> read) where T : class
    {
        var items = new List<T>();
        var lines = text.Split('\n').Select(line => line.Trim()).ToList();
        for (var number = 1; number <= lines.Count; number++)
        {
            if (lines[number - 1].Length == 0)
            {
                continue;
            }
            if (read(lines[number - 1]) is { } item)
            {
                items.Add(item);
            }
            else
            {
                errors[field] = [.. errors.GetValueOrDefault(field, []), string.Format(CultureInfo.CurrentCulture, expected, number)];
            }
        }
        return items;
    }

    /// <summary>"female 48-52, male 48-52": each value with its minimum and maximum seats.</summary>
    private static object[]? ReadValues(string text)
    {
        var values = text.Split(',', StringSplitOptions.TrimEntries).Select(value => ValuePattern().Match(value)).ToList();
        return values.All(value => value.Success)
            ? [.. values.Select(value => new
            {
                value = value.Groups[1].Value,
                min = int.Parse(value.Groups[2].Value, CultureInfo.InvariantCulture),
                max = int.Parse(value.Groups[3].Value, CultureInfo.InvariantCulture),
            })]
            : null;
    }

    private static int[]? Numbers(params string[] texts) =>
        texts.All(text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? [.. texts.Select(text => int.Parse(text, CultureInfo.InvariantCulture))]
            : null;

    [GeneratedRegex(@"^([^:]+):(.+)$")]
    private static partial Regex CategoryPattern();

    [GeneratedRegex(@"^(\S.*?)\s+(\d{1,4})\s*-\s*(\d{1,4})$")]
    private static partial Regex ValuePattern();
}
