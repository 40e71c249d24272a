using System.Globalization;

namespace Assemblee.Sortition.Domain;

/// <summary>
/// Classifies a source list's rows for the invitation draw as they are imported: for each seat group drawing from the
/// list, the lines of the people whose age fits the group, by stratum, in list order. A stratum is a number: the
/// values of the stratification columns in the specification's order, in mixed radix (arrondissement 1–20, sex F
/// then M, age class in the specification's order, then "other").
/// </summary>
public sealed class InvitationStrata(DrawSpecification specification, string listName)
{
    private readonly (SeatGroup Group, Dictionary<int, List<int>> Strata)[] _groups =
        [.. specification.SeatGroups.Where(group => group.SourceList == listName)
            .Select(group => (group, new Dictionary<int, List<int>>()))];

    /// <summary>Each seat group's strata in stratum order, each with its lines in list order.</summary>
    public IEnumerable<(string SeatGroup, int Stratum, List<int> Lines)> Lines =>
        _groups.SelectMany(g => g.Strata.OrderBy(stratum => stratum.Key).Select(stratum => (g.Group.Name, stratum.Key, stratum.Value)));

    public void Add(int line, DateOnly birthDate, bool male, short arrondissement)
    {
        var age = specification.AgeAt(birthDate);
        int? key = null;
        foreach (var (group, strata) in _groups)
        {
            if (age < group.MinAge || age > group.MaxAge)
            {
                continue;
            }
            key ??= Key(male, arrondissement, age);
            if (!strata.TryGetValue(key.Value, out var lines))
            {
                strata[key.Value] = lines = [];
            }
            lines.Add(line);
        }
    }

    private int Key(bool male, short arrondissement, int age)
    {
        var key = 0;
        foreach (var column in specification.InvitationStrata)
        {
            key = column switch
            {
                "arrondissement" => key * 21 + arrondissement,
                "sex" => key * 2 + (male ? 1 : 0),
                _ => key * (specification.AgeClasses.Count + 1) + AgeClassIndex(age),
            };
        }
        return key;
    }

    private int AgeClassIndex(int age)
    {
        for (var i = 0; i < specification.AgeClasses.Count; i++)
        {
            if (age >= specification.AgeClasses[i].MinAge && age <= specification.AgeClasses[i].MaxAge)
            {
                return i;
            }
        }
        return specification.AgeClasses.Count;
    }

    /// <summary>A stratum number in words, as stored with the invitation (e.g. "arrondissement=11|age-class=25-39").</summary>
    public static string Label(DrawSpecification specification, int key)
    {
        var ageClasses = specification.AgeClasses.Count + 1;
        var parts = new List<string>();
        foreach (var column in specification.InvitationStrata.Reverse())
        {
            var (radix, label) = column switch
            {
                "arrondissement" => (21, (Func<int, string>)(v => v.ToString("D2", CultureInfo.InvariantCulture))),
                "sex" => (2, v => v == 0 ? "F" : "M"),
                _ => (ageClasses, v => v < specification.AgeClasses.Count ? specification.AgeClasses[v].Name : "other"),
            };
            parts.Insert(0, $"{column}={label(key % radix)}");
            key /= radix;
        }
        return string.Join('|', parts);
    }
}
