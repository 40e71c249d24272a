using Assemblee.Common.Rules;

namespace Assemblee.Sessions.Domain;

/// <summary>What the secretariat gives to plan a session.</summary>
public sealed record SessionRequest(
    string Kind, string Title, IReadOnlyList<AgendaItem>? Agenda, Place? Place, string? OnlineLink,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? AtelierId, IReadOnlyList<Guest>? Guests, bool Public)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(SessionKinds.All.Contains(Kind), "kind", FieldRule.OneOf(SessionKinds.All))
        .Require(!string.IsNullOrWhiteSpace(Title) && Title.Length <= 200, "title", FieldRule.Text(200))
        .Require(EndsAt > StartsAt && EndsAt - StartsAt <= TimeSpan.FromHours(24), "endsAt",
            new FieldRule("session-times", "The session ends after it starts, within 24 hours."))
        .Require(Place is not null || !string.IsNullOrWhiteSpace(OnlineLink), "place",
            new FieldRule("place-or-link", "A place or an online link is required."))
        .Require(Place is null || !string.IsNullOrWhiteSpace(Place.Address), "place.address",
            new FieldRule("place-address", "A place has an address."))
        .Require(OnlineLink is null || Uri.TryCreate(OnlineLink, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps,
            "onlineLink", new FieldRule("online-link", "An online link is an https address."))
        .Require((Agenda ?? []).All(item => !string.IsNullOrWhiteSpace(item.Title) && item.Title.Length <= 300), "agenda",
            new FieldRule("agenda-titles", "Every agenda item has a title of 1 to 300 characters."))
        .Require((Guests ?? []).All(guest => !string.IsNullOrWhiteSpace(guest.Name) && !string.IsNullOrWhiteSpace(guest.Role)), "guests",
            new FieldRule("guests", "Every guest has a name and a role."))
        .Require(Kind != "atelier-meeting" || AtelierId is not null, "atelierId",
            new FieldRule("atelier-meeting", "An atelier meeting names its atelier."));

    public Session ToSession(Guid id, string bodyId, Guid promotionId) => new(
        id, bodyId, promotionId, AtelierId, Kind, Title.Trim(), Agenda ?? [], Place, OnlineLink, StartsAt, EndsAt, Guests ?? [], Public,
        SessionStates.Planned);
}

/// <summary>Why a session is cancelled or postponed (told to the members invited).</summary>
public sealed record ChangeReason(string Reason)
{
    public ValidationErrors Validate() => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(Reason) && Reason.Length <= 500, "reason", FieldRule.Text(500));
}

/// <summary>A member's answer to a convocation.</summary>
public sealed record ConvocationAnswer(string Answer, string? Reason)
{
    public const string Attending = "attending";
    public const string Excused = "excused";

    public ValidationErrors Validate() => new ValidationErrors()
        .Require(Answer is Attending or Excused, "answer", FieldRule.OneOf([Attending, Excused]))
        .Require(Answer != Excused || !string.IsNullOrWhiteSpace(Reason) && Reason.Length <= 500, "reason",
            new FieldRule("excuse-reason", "An excuse gives its reason (1 to 500 characters)."));
}
