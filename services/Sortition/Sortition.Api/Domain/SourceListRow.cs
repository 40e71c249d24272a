using System.Globalization;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// One row of a source list (electoral roll, citizen-card list) in the import format:
/// id,family_name,given_name,birth_date,sex,address,postcode — birth date as YYYY-MM-DD, sex F or M, a Paris
/// postcode (75001–75020, 75116). Only what letters, eligibility and stratification need.
/// </summary>
public sealed record SourceListRow(string PersonRef, string FamilyName, string GivenName, DateOnly BirthDate, string Sex,
    string Address, string Postcode, short Arrondissement)
{
    public static readonly IReadOnlyList<string> Columns = ["id", "family_name", "given_name", "birth_date", "sex", "address", "postcode"];

    /// <summary>The row, or the reason it is refused (no personal value is echoed back except the offending field's).</summary>
    public static (SourceListRow? Row, string? Error) Parse(string[] fields, DateOnly today)
    {
        if (fields.Length != Columns.Count)
        {
            return (null, $"expected {Columns.Count} fields, found {fields.Length}");
        }
        var (id, family, given, birth, sex, address, postcode) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim(), fields[4].Trim(), fields[5].Trim(), fields[6].Trim());
        if (id.Length is 0 or > 64)
        {
            return (null, "id must have 1 to 64 characters");
        }
        if (family.Length is 0 or > 200 || given.Length is 0 or > 200)
        {
            return (null, "family_name and given_name must have 1 to 200 characters");
        }
        if (ParseDate(birth) is not { } birthDate || birthDate > today)
        {
            return (null, $"birth_date '{birth}' is not a past date written YYYY-MM-DD");
        }
        if (sex is not ("F" or "M"))
        {
            return (null, $"sex '{sex}' must be F or M");
        }
        if (address.Length is 0 or > 300)
        {
            return (null, "address must have 1 to 300 characters");
        }
        if (ArrondissementOf(postcode) is not { } arrondissement)
        {
            return (null, $"postcode '{postcode}' is not a Paris postcode (75001–75020, 75116)");
        }
        return (new SourceListRow(id, family, given, birthDate, sex, address, postcode, arrondissement), null);
    }

    /// <summary>YYYY-MM-DD, by hand: the general parser costs more than the rest of a row's validation.</summary>
    private static DateOnly? ParseDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return null;
        }
        int Digits(int start, int count)
        {
            var value = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = text[i] - '0';
                if (digit is < 0 or > 9)
                {
                    return -1;
                }
                value = (value * 10) + digit;
            }
            return value;
        }
        var (year, month, day) = (Digits(0, 4), Digits(5, 2), Digits(8, 2));
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    public static short? ArrondissementOf(string postcode) => postcode switch
    {
        "75116" => 16,
        { Length: 5 } when postcode.StartsWith("750", StringComparison.Ordinal) && short.TryParse(postcode.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 20 => n,
        _ => null,
    };
}
