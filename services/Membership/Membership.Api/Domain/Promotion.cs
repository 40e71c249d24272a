using Assemblee.Common.Rules;

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
    public static ValidationErrors Validate(Promotion promotion) => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(promotion.Name) && promotion.Name.Length <= 200, "name", FieldRule.Text(200))
        .Require(promotion.MandateStart is not { } start || promotion.MandateEnd is not { } end
            || (end >= start.AddMonths(12) && end <= start.AddMonths(18)), "mandateEnd",
            new FieldRule("mandate-length", "A mandate lasts 12 to 18 months from its start."))
        .Require((promotion.MandateStart is null) == (promotion.MandateEnd is null), "mandateStart",
            new FieldRule("mandate-both-ends", "Give both the start and the end of the mandate, or neither."))
        .Require(promotion.Seats.Count > 0 && promotion.Seats.All(seat => !string.IsNullOrWhiteSpace(seat.Key)
            && seat.Value is >= 1 and <= 1000), "seats",
            new FieldRule("promotion-seats", "Give at least one seat group, each with 1 to 1,000 seats."))
        .Require(promotion.ConfirmationDays is >= 7 and <= 90, "confirmationDays",
            new FieldRule("confirmation-days", "Members are given 7 to 90 days to confirm."));

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
