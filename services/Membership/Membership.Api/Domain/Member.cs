namespace Assemblee.Membership.Domain;

/// <summary>A member as anyone may see them: no contact data.</summary>
public sealed record Member(
    Guid Id, Guid PromotionId, string? RespondentId, string SeatGroup, string State, string DisplayName, int? Arrondissement, bool Minor,
    DateTimeOffset EnteredAt, DateTimeOffset ConfirmationDeadline, bool Overdue, DateTimeOffset? ConfirmedAt, DateTimeOffset? LeftAt,
    Guid? ReplacedBy, bool ConsentRecorded, Guid? AtelierId, string? AtelierRole, string BodyId);

/// <summary>What the secretariat (and the member themselves) see besides: contact data, absent once erased.</summary>
public sealed record MemberContact(
    Member Member, string? FamilyName, string GivenName, DateOnly? BirthDate, string? Address, string? Postcode, string? Email,
        string? Phone,
    DateTimeOffset? ErasedAt);

/// <summary>The public roster: only what the rules allow to publish.</summary>
public sealed record RosterEntry(string GivenName, string FamilyInitial, int? Arrondissement, string? Atelier);

public sealed record HistoryEntry(Guid MemberId, DateTimeOffset At, string Actor, string Action, System.Text.Json.JsonElement Detail);

/// <summary>The life of a member from the draw to the end of the mandate.</summary>
public static class MemberStates
{
    /// <summary>Drawn (or designated substitute), not yet confirmed.</summary>
    public const string Drawn = "drawn";

    /// <summary>Confirmed (and, for a minor, with a guardian's consent).</summary>
    public const string Active = "active";

    public const string Declined = "declined";
    public const string DeadlineMissed = "deadline-missed";
    public const string Resigned = "resigned";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Drawn, Active, Declined, DeadlineMissed, Resigned };

    /// <summary>The state a departure leads to, and the state it must start from.</summary>
    public static readonly IReadOnlyDictionary<string, string> DepartureFrom = new Dictionary<string, string>
    {
        [Declined] = Drawn,
        [DeadlineMissed] = Drawn,
        [Resigned] = Active,
    };
}

public static class ContactChannels
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { "letter", "email", "phone", "sms", "visit" };
    public static readonly IReadOnlySet<string> Outcomes = new HashSet<string> { "reached", "no-answer", "left-message", "wrong-details",
        "returned-mail" };
}

public static class ConsentMethods
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { "signed-form", "in-person", "email", "postal-letter" };
    public static readonly IReadOnlySet<string> Relationships = new HashSet<string> { "parent", "legal-guardian" };
}

public static class MemberRules
{
    public const int AgeOfMajority = 18;

    /// <summary>A minor on <paramref name="today"/>: their seat waits for a parent's or guardian's consent.</summary>
    public static bool IsMinor(DateOnly birthDate, DateOnly today) => birthDate.AddYears(AgeOfMajority) > today;

    /// <summary>The arrondissement of a Paris postcode (75001–75020, 75116), or null elsewhere.</summary>
    public static int? ArrondissementOf(string? postcode) => postcode switch
    {
        "75116" => 16,
        { Length: 5 } when postcode.StartsWith("750", StringComparison.Ordinal) && int.TryParse(postcode[3..], out var n)
            && n is >= 1 and <= 20 => n,
        _ => null,
    };

    public static string DisplayName(string givenName, string familyInitial) => $"{givenName} {familyInitial}.";
}
