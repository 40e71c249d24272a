using System.Security.Cryptography;
using System.Text;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// What an invitation carries besides the letter: a code to answer with, and pseudonymous keys that recognise the same
/// person (no one sits twice in a body) or the same household (one member per household) without being readable.
/// </summary>
public static class InvitationKeys
{
    /// <summary>No 0/O, 1/I: the code is typed from a paper letter.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public const int CodeLength = 10;

    public static string NewCode() => new(RandomNumberGenerator.GetItems<char>(CodeAlphabet, CodeLength));

    /// <summary>The person as their list knows them: the same reference in the same list is the same person.</summary>
    public static string PersonKey(string listName, string personRef) => Hash($"{listName}:{personRef}");

    /// <summary>The household: the same address (whatever its case) in the same postcode.</summary>
    public static string HouseholdKey(string address, string postcode) => Hash($"{address.ToUpperInvariant()}|{postcode}");

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
