using Assemblee.Sortition.Engine.Model;
using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Engine.Instances;

/// <summary>
/// A synthetic pool shaped like the Paris Citizens' Assembly's: seat groups 80 electoral list / 15 citizen card /
/// 5 minors, gender parity, five age classes, four diploma levels and twenty arrondissements, with quotas from
/// approximate population shares and a pool skewed the way volunteers are (older, more educated, central).
/// For tests and benchmarks; no real person's data.
/// </summary>
public static class ParisLikeInstance
{
    public const int PanelSize = 100;

    /// <summary>Approximate shares of the population by arrondissement, 1st to 20th (percent).</summary>
    private static readonly double[] ArrondissementShares =
        [0.7, 1.0, 1.6, 1.3, 2.7, 1.9, 2.4, 1.7, 2.8, 4.3, 6.8, 6.6, 8.4, 6.3, 10.4, 7.8, 7.9, 9.3, 8.3, 9.1];

    /// <summary>Volunteers over- or under-represented relative to the population, by arrondissement.</summary>
    private static readonly double[] ArrondissementResponse =
        [1.3, 1.2, 1.3, 1.3, 1.5, 1.6, 1.5, 1.2, 1.2, 1.0, 1.1, 1.0, 0.9, 1.3, 1.2, 1.1, 1.0, 0.7, 0.6, 0.7];

    private static readonly (string Name, double Population, double Response)[] AgeClasses =
        [("16-24", 0.13, 0.08), ("25-39", 0.28, 0.22), ("40-54", 0.26, 0.26), ("55-69", 0.20, 0.28), ("70+", 0.13, 0.16)];

    private static readonly (string Name, double Population, double Response)[] Diplomas =
        [("none-or-brevet", 0.22, 0.10), ("bac", 0.14, 0.12), ("bac+2-3", 0.22, 0.26), ("bac+5", 0.42, 0.52)];

    /// <param name="skew">
    /// When given, the old (55 and over) and the most educated (bac+5) each make up <paramref name="skew"/> times their
    /// population share of the pool, the other classes shrinking in proportion (at most 2.3: bac+5 is 42 % of Paris);
    /// when null, the pool follows the usual volunteers' response above.
    /// </param>
    public static SelectionProblem Generate(int poolSize = 1000, string seed = "paris-like", double? skew = null)
    {
        if (skew is > 2.3 or < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(skew), skew, "A skew between 1 and 2.3.");
        }
        double[] ageResponse = [.. skew is { } s ? Skewed([.. AgeClasses.Select(a => a.Population)], [false, false, false, true, true], s)
            : AgeClasses.Select(a => a.Response)];
        double[] diplomaResponse = [.. skew is { } d ? Skewed([.. Diplomas.Select(a => a.Population)], [false, false, false, true], d)
            : Diplomas.Select(a => a.Response)];
        var random = DrawRandom.FromText(seed);
        var categories = new[] { "seat-group", "gender", "age", "diploma", "arrondissement" };
        var quotas = new List<Quota>
        {
            new("seat-group", "electoral-list", 80, 80),
            new("seat-group", "citizen-card", 15, 15),
            new("seat-group", "minor", 5, 5),
            new("gender", "female", 49, 51),
            new("gender", "male", 49, 51),
        };
        quotas.AddRange(AgeClasses.Select(a => Around("age", a.Name, a.Population)));
        quotas.AddRange(Diplomas.Select(d => Around("diploma", d.Name, d.Population)));
        var total = ArrondissementShares.Sum();
        quotas.AddRange(ArrondissementShares.Select((share, i) => Around("arrondissement", Arrondissement(i), share / total)));

        var arrondissementWeights = ArrondissementShares.Select((s, i) => s * ArrondissementResponse[i]).ToArray();
        var pool = new List<Respondent>(poolSize);
        for (var i = 0; i < poolSize; i++)
        {
            // About 4 % minors (whose age class is 16-24) and 11 % citizen-card holders among volunteers.
            var group = Pick(random, [0.85, 0.11, 0.04]);
            var seatGroup = new[] { "electoral-list", "citizen-card", "minor" }[group];
            var age = group == 2 ? "16-24" : AgeClasses[Pick(random, ageResponse)].Name;
            var diploma = group == 2 ? Diplomas[Pick(random, [0.7, 0.3, 0, 0])].Name : Diplomas[Pick(random, diplomaResponse)].Name;
            var gender = random.NextInt(100) < 56 ? "female" : "male";
            pool.Add(new Respondent($"p{i:D5}", [seatGroup, gender, age, diploma, Arrondissement(Pick(random, arrondissementWeights))]));
        }
        return new SelectionProblem(categories, quotas, pool, PanelSize);
    }

    /// <summary>
    /// Shares of the pool: the favoured classes at <paramref name="skew"/> times their share, the others scaled to fill the rest.
    /// </summary>
    private static double[] Skewed(double[] population, bool[] favoured, double skew)
    {
        var favouredShare = population.Where((_, i) => favoured[i]).Sum();
        var rest = (1 - (skew * favouredShare)) / (1 - favouredShare);
        return [.. population.Select((share, i) => share * (favoured[i] ? skew : rest))];
    }

    /// <summary>Seats in proportion to the population, give or take 15 % and one seat.</summary>
    private static Quota Around(string category, string feature, double share)
    {
        var target = share * PanelSize;
        var slack = 1 + (int)Math.Round(0.15 * target);
        return new Quota(category, feature, Math.Max(0, (int)Math.Round(target) - slack), (int)Math.Round(target) + slack);
    }

    private static string Arrondissement(int index) => $"{index + 1:D2}";

    private static int Pick(DrawRandom random, double[] weights)
    {
        var scale = 1_000_000;
        var point = random.NextInt(scale) / (double)scale * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            point -= weights[i];
            if (point < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
