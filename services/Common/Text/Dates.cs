namespace Assemblee.Common.Text;

/// <summary>
/// Dates as people read them in French and English. The services run with invariant globalization (no ICU in the image),
/// so CultureInfo("fr-FR") is not available; the month names are written here once.
/// </summary>
public static class Dates
{
    private static readonly string[] French =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] English =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"décembre", "December" (language "fr" or "en"; French otherwise).</summary>
    public static string MonthName(int month, string language = "fr") => (language == "en" ? English : French)[month - 1];

    /// <summary>"1 décembre 2026", "1 December 2026".</summary>
    public static string Long(DateOnly date, string language = "fr") => $"{date.Day} {MonthName(date.Month, language)} {date.Year}";
}
