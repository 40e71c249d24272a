using System.Text.RegularExpressions;

namespace Assemblee.Notifications.Domain;

/// <summary>One SMS as the ledger keeps it until its content is erased: the number (E.164) and the text.</summary>
public sealed record SmsMessage(string To, string Text);

public static partial class PhoneNumbers
{
    /// <summary>
    /// A number as people write it ("06 12 34 56 78", "+33 6 12…", "0033 6…") in E.164 (+33612345678), French numbers
    /// assumed for ten digits starting with 0; null when it is not a number an SMS can reach.
    /// </summary>
    public static string? ToE164(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        var digits = Separators().Replace(written.Trim(), "");
        var number = digits switch
        {
            _ when digits.StartsWith("00", StringComparison.Ordinal) => "+" + digits[2..],
            _ when digits.Length == 10 && digits[0] == '0' => "+33" + digits[1..],
            _ => digits,
        };
        // "+33 (0)6…": the trunk 0 some write after the country code is not dialled.
        number = number.StartsWith("+330", StringComparison.Ordinal) ? "+33" + number[4..] : number;
        return E164().IsMatch(number) ? number : null;
    }

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();
}
