using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Assemblee.Web.Components;

/// <summary>Dates and figures as a reader in Paris expects them, in the page's language.</summary>
public static class Display
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A day and a time as read on a clock in Paris, in winter or summer.</summary>
    public static DateTimeOffset InParis(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Paris).DateTime);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset moment) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Paris).DateTime));

    public static string DateTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Paris).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>Euros to the cent, the sign after the figure as both French and the city's English pages write it.</summary>
    public static string Euros(decimal amount) => string.Format(CultureInfo.CurrentCulture, "{0:N2}\u00a0€", amount);

    public static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    public static string Number(double value) => value.ToString("0.######", CultureInfo.CurrentCulture);

    /// <summary>For, against and abstention in the page's language; a choice's own wording as the secretariat wrote it.</summary>
    public static string Option(IStringLocalizer texts, string option) => Named(texts, "VoteOption", option);

    /// <summary>A step of a text's history in the page's language; a step the web does not know yet keeps the service's name.</summary>
    public static string DocumentStep(IStringLocalizer texts, string action) => Named(texts, "DocumentAction", action);

    /// <summary>Who took a step of a text's history: a vote of the Assembly (vote:{id}) or the account that acted.</summary>
    public static string DocumentActor(IStringLocalizer texts, string actor) =>
        actor.StartsWith("vote:", StringComparison.Ordinal) ? texts["DocumentActorVote"] : actor;

    private static string Named(IStringLocalizer texts, string kind, string value) =>
        texts[$"{kind}.{value}"] is { ResourceNotFound: false } label ? label : value;

    /// <summary>Which wording a message uses: version 0 is the built-in one, any other the body's own.</summary>
    public static string Wording(IStringLocalizer texts, int version) =>
        version == 0 ? texts["BuiltInWording"] : texts["WordingVersionOf", version];
}
