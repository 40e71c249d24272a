using System.Text;
using Assemblee.Common.Rules;
using Assemblee.Sortition.Engine.Csv;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// One row of a source list (electoral roll, citizen-card list) in the import format:
/// id,family_name,given_name,birth_date,sex,address,postcode — birth date as YYYY-MM-DD, sex F or M, a Paris
/// postcode (75001–75020, 75116). Only what letters, eligibility and stratification need. The fields stay UTF-8 bytes
/// (trimmed of spaces) from the file to PostgreSQL; only what stratification needs is parsed.
/// </summary>
public readonly ref struct SourceListRow
{
    public static readonly IReadOnlyList<string> Columns = ["id", "family_name", "given_name", "birth_date", "sex", "address", "postcode"];

    public ReadOnlySpan<byte> PersonRef { get; init; }

    public ReadOnlySpan<byte> FamilyName { get; init; }

    public ReadOnlySpan<byte> GivenName { get; init; }

    public DateOnly BirthDate { get; init; }

    public bool Male { get; init; }

    public ReadOnlySpan<byte> Address { get; init; }

    public ReadOnlySpan<byte> Postcode { get; init; }

    public short Arrondissement { get; init; }

    /// <summary>The row, or the reason it is refused (no personal value is echoed back except the offending field's).</summary>
    public static FieldRule? TryParse(in Utf8CsvRecord record, DateOnly today, out SourceListRow row)
    {
        row = default;
        if (record.Count != Columns.Count)
        {
            return new FieldRule("field-count", $"expected {Columns.Count} fields, found {record.Count}", Columns.Count, record.Count);
        }
        var id = Trim(record[0]);
        var family = Trim(record[1]);
        var given = Trim(record[2]);
        var birth = Trim(record[3]);
        var sex = Trim(record[4]);
        var address = Trim(record[5]);
        var postcode = Trim(record[6]);
        if (!HasLength(id, 1, 64))
        {
            return new FieldRule("id-length", "id must have 1 to 64 characters");
        }
        if (!HasLength(family, 1, 200) || !HasLength(given, 1, 200))
        {
            return new FieldRule("name-length", "family_name and given_name must have 1 to 200 characters");
        }
        if (ParseDate(birth) is not { } birthDate || birthDate > today)
        {
            return new FieldRule("birth-date", $"birth_date '{Text(birth)}' is not a past date written YYYY-MM-DD", Text(birth));
        }
        if (sex is not [(byte)'F' or (byte)'M'])
        {
            return new FieldRule("sex", $"sex '{Text(sex)}' must be F or M", Text(sex));
        }
        if (!HasLength(address, 1, 300))
        {
            return new FieldRule("address-length", "address must have 1 to 300 characters");
        }
        if (ArrondissementOf(postcode) is not { } arrondissement)
        {
            return new FieldRule("postcode", $"postcode '{Text(postcode)}' is not a Paris postcode (75001–75020, 75116)",
                Text(postcode));
        }
        row = new SourceListRow
        {
            PersonRef = id,
            FamilyName = family,
            GivenName = given,
            BirthDate = birthDate,
            Male = sex[0] == 'M',
            Address = address,
            Postcode = postcode,
            Arrondissement = arrondissement,
        };
        return null;
    }

    public static bool IsHeader(in Utf8CsvRecord record)
    {
        if (record.Count != Columns.Count)
        {
            return false;
        }
        for (var i = 0; i < Columns.Count; i++)
        {
            if (!Ascii.EqualsIgnoreCase(Trim(record[i]), Encoding.ASCII.GetBytes(Columns[i])))
            {
                return false;
            }
        }
        return true;
    }

    public static short? ArrondissementOf(ReadOnlySpan<byte> postcode) => postcode switch
    {
        [(byte)'7', (byte)'5', (byte)'1', (byte)'1', (byte)'6'] => 16,
        [(byte)'7', (byte)'5', (byte)'0', (byte)'0' or (byte)'1' or (byte)'2', >= (byte)'0' and <= (byte)'9']
            when (short)(((postcode[3] - '0') * 10) + postcode[4] - '0') is var n && n is >= 1 and <= 20 => n,
        _ => null,
    };

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field) => field.Trim(" \t"u8);

    /// <summary>Lengths are in characters; a UTF-8 field has at least as many bytes as characters.</summary>
    private static bool HasLength(ReadOnlySpan<byte> field, int min, int max) =>
        field.Length >= min && (field.Length <= max || Encoding.UTF8.GetCharCount(field) <= max);

    private static string Text(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field);

    /// <summary>YYYY-MM-DD, by hand: the general parser costs more than the rest of a row's validation.</summary>
    private static DateOnly? ParseDate(ReadOnlySpan<byte> text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return null;
        }
        static int Digits(ReadOnlySpan<byte> digits)
        {
            var value = 0;
            foreach (var b in digits)
            {
                var digit = b - '0';
                if (digit is < 0 or > 9)
                {
                    return -1;
                }
                value = (value * 10) + digit;
            }
            return value;
        }
        var (year, month, day) = (Digits(text[..4]), Digits(text[5..7]), Digits(text[8..10]));
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }
}
