using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>What the secretariat gives to plan a session.</summary>
public sealed record SessionRequest(
    string Kind, string Title, IReadOnlyList<AgendaItem>? Agenda, Place? Place, string? OnlineLink,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? AtelierId, IReadOnlyList<Guest>? Guests, bool Public)
{
    public Dictionary<string, string[]> Validate() => new Dictionary<string, string[]>()
        .Require(SessionKinds.All.Contains(Kind), "kind", $"One of {string.Join(", ", SessionKinds.All)}.")
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 200, "title", "A title of 1 to 200 characters is required.")
        .Require(EndsAt > StartsAt && EndsAt - StartsAt <= TimeSpan.FromHours(24), "endsAt",
            "The session ends after it starts, within 24 hours.")
        .Require(Place is not null || !string.IsNullOrWhiteSpace(OnlineLink), "place", "A place or an online link is required.")
        .Require(Place is null || !string.IsNullOrWhiteSpace(Place.Address), "place.address", "A place has an address.")
        .Require(OnlineLink is null || Uri.TryCreate(OnlineLink, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps,
            "onlineLink", "An online link is an https address.")
        .Require((Agenda ?? []).All(item => !string.IsNullOrWhiteSpace(item.Title) && item.Title.Length <= 300), "agenda",
            "Every agenda item has a title of 1 to 300 characters.")
        .Require((Guests ?? []).All(guest => !string.IsNullOrWhiteSpace(guest.Name) && !string.IsNullOrWhiteSpace(guest.Role)), "guests",
            "Every guest has a name and a role.")
        .Require(Kind != "atelier-meeting" || AtelierId is not null, "atelierId", "An atelier meeting names its atelier.");

    public Session ToSession(Guid id, string bodyId, Guid promotionId) => new(
        id, bodyId, promotionId, AtelierId, Kind, Title.Trim(), Agenda ?? [], Place, OnlineLink, StartsAt, EndsAt, Guests ?? [], Public,
        SessionStates.Planned);
}

/// <summary>Why a session is cancelled or postponed (told to the members invited).</summary>
public sealed record ChangeReason(string Reason)
{
    public Dictionary<string, string[]> Validate() => new Dictionary<string, string[]>()
        .Require(!string.IsNullOrWhiteSpace(Reason) && Reason.Length <= 500, "reason", "A reason of 1 to 500 characters is required.");
}

/// <summary>A member's answer to a convocation.</summary>
public sealed record ConvocationAnswer(string Answer, string? Reason)
{
    public const string Attending = "attending";
    public const string Excused = "excused";

    public Dictionary<string, string[]> Validate() => new Dictionary<string, string[]>()
        .Require(Answer is Attending or Excused, "answer", "attending or excused.")
        .Require(Answer != Excused || !string.IsNullOrWhiteSpace(Reason) && Reason.Length <= 500, "reason",
            "An excuse gives its reason (1 to 500 characters).");
}
