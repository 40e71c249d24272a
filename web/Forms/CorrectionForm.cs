using Assemblee.Web.Components;

namespace Assemblee.Web.Forms;

/// <summary>
/// A member's attendance put right by the secretariat, with the reason the audit keeps: present or not, and the times of
/// arrival and departure on a clock in Paris, on the session's day.
/// </summary>
public sealed class CorrectionForm
{
    public string? MemberId { get; set; }

    // A box left unticked is not posted at all: what a new form holds is what an unticked box means, and a ticked default
    // belongs to the form first shown (Model).
    public bool Present { get; set; }

    /// <summary>The form first shown: most corrections record someone who was there.</summary>
    public static CorrectionForm Model() => new() { Present = true };

    public TimeOnly? ArrivedAt { get; set; }

    public TimeOnly? DepartedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>The correction as sessions reads it; an absent member has no times. The service's rules check the rest.</summary>
    public object ToRequest(DateTimeOffset sessionStartsAt) => new
    {
        present = Present,
        arrivedAt = Present && ArrivedAt is { } arrived ? During(sessionStartsAt, arrived) : (DateTimeOffset?)null,
        departedAt = Present && DepartedAt is { } departed ? During(sessionStartsAt, departed) : (DateTimeOffset?)null,
        reason = Reason ?? "",
    };

    /// <summary>
    /// A time during the session: on the day it starts in Paris, or the next day when it comes more than an hour before the
    /// start (an evening that runs past midnight; the doors open half an hour before).
    /// </summary>
    public static DateTimeOffset During(DateTimeOffset startsAt, TimeOnly time)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, Display.Paris).DateTime);
        var moment = Display.InParis(day, time);
        return moment < startsAt.AddHours(-1) ? Display.InParis(day.AddDays(1), time) : moment;
    }
}
