namespace Assemblee.Membership.Domain;

/// <summary>One cohort of a body's members, for one mandate.</summary>
/// <param name="Seats">Seats per seat group (Paris: electoral-list 80, citizen-card 15, minors 5).</param>
/// <param name="ConfirmationDays">Days a drawn member has to confirm, from entering the promotion.</param>
public sealed record Promotion(
    Guid Id, string BodyId, string Name, Guid? DrawId, DateOnly? MandateStart, DateOnly? MandateEnd,
    IReadOnlyDictionary<string, int> Seats, int ConfirmationDays, DateTimeOffset? AtelierChoiceClosesAt, DateTimeOffset CreatedAt)
{
    /// <summary>forming until the mandate starts (or while it has no dates), sitting during it, ended after.</summary>
    public string State(DateOnly today) =>
        MandateStart is not { } start || MandateEnd is not { } end || today < start ? PromotionStates.Forming
        : today <= end ? PromotionStates.Sitting
        : PromotionStates.Ended;
}

public static class PromotionStates
{
    public const string Forming = "forming";
    public const string Sitting = "sitting";
    public const string Ended = "ended";
}

/// <summary>What the secretariat sends to create a promotion or change it (absent fields stay as they are).</summary>
public sealed record PromotionRequest(
    string? Name, Guid? DrawId, DateOnly? MandateStart, DateOnly? MandateEnd, Dictionary<string, int>? Seats, int? ConfirmationDays,
    DateTimeOffset? AtelierChoiceClosesAt)
{
    public const int DefaultConfirmationDays = 21;

    /// <summary>The rules of a mandate: 12 to 18 months, seats in every group, a week to three months to confirm.</summary>
    public static Dictionary<string, string[]> Validate(Promotion promotion)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(promotion.Name) || promotion.Name.Length > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }
        if (promotion.MandateStart is { } start && promotion.MandateEnd is { } end
            && (end < start.AddMonths(12) || end > start.AddMonths(18)))
        {
            errors["mandateEnd"] = ["A mandate lasts 12 to 18 months from its start."];
        }
        if ((promotion.MandateStart is null) != (promotion.MandateEnd is null))
        {
            errors["mandateStart"] = ["Give both the start and the end of the mandate, or neither."];
        }
        if (promotion.Seats.Count == 0 || promotion.Seats.Any(seat => string.IsNullOrWhiteSpace(seat.Key) || seat.Value is < 1 or > 1000))
        {
            errors["seats"] = ["Give at least one seat group, each with 1 to 1,000 seats."];
        }
        if (promotion.ConfirmationDays is < 7 or > 90)
        {
            errors["confirmationDays"] = ["Members are given 7 to 90 days to confirm."];
        }
        return errors;
    }

    public Promotion ApplyTo(Promotion promotion) => promotion with
    {
        Name = Name?.Trim() ?? promotion.Name,
        MandateStart = MandateStart ?? promotion.MandateStart,
        MandateEnd = MandateEnd ?? promotion.MandateEnd,
        Seats = Seats ?? promotion.Seats,
        ConfirmationDays = ConfirmationDays ?? promotion.ConfirmationDays,
        AtelierChoiceClosesAt = AtelierChoiceClosesAt?.ToUniversalTime() ?? promotion.AtelierChoiceClosesAt,
    };
}
