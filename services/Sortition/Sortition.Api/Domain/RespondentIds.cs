using System.Globalization;

namespace Assemblee.Sortition.Domain;

/// <summary>The pseudonymous ids the public record gives respondents: R followed by their number in the draw (R0001…).</summary>
public static class RespondentIds
{
    public static string Of(int number) => $"R{number:D4}";

    public static int NumberOf(string respondentId) => int.Parse(respondentId.AsSpan(1), CultureInfo.InvariantCulture);

    /// <summary>Parses an id from outside (a gRPC request): R and one to nine digits.</summary>
    public static bool TryParse(string value, out int number)
    {
        number = 0;
        return value.Length is >= 2 and <= 10 && value[0] == 'R' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0 &&
            int.TryParse(value.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
