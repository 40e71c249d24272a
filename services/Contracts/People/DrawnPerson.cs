using System.Globalization;
using Assemblee.Contracts.Sortition.V1;

namespace Assemblee.Contracts.People;

/// <summary>
/// What membership needs to reach a drawn person, and nothing more. It travels only over sortition's DrawnPeople gRPC
/// service (never on the broker); both ends map it to and from the proto message here.
/// </summary>
/// <param name="RespondentId">The pseudonymous id the public draw record uses (R0001…).</param>
public sealed record DrawnPerson(
    string RespondentId, string SeatGroup, string FamilyName, string GivenName, DateOnly BirthDate, string Address, string Postcode,
    string? Email, string? Phone)
{
    public Person ToMessage() => new()
    {
        RespondentId = RespondentId,
        SeatGroup = SeatGroup,
        FamilyName = FamilyName,
        GivenName = GivenName,
        BirthDate = BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Address = Address,
        Postcode = Postcode,
        Email = Email ?? "",
        Phone = Phone ?? "",
    };

    public static DrawnPerson FromMessage(Person message) => new(
        message.RespondentId, message.SeatGroup, message.FamilyName, message.GivenName,
        DateOnly.ParseExact(message.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), message.Address, message.Postcode,
        message.Email.Length > 0 ? message.Email : null, message.Phone.Length > 0 ? message.Phone : null);
}
