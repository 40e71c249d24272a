using Assemblee.Sortition.Engine.Algorithms;
using Assemblee.Sortition.Engine.Model;

namespace Assemblee.Sortition.Engine.Lottery;

/// <summary>
/// M panels, each drawn with probability 1/M: what a draw publishes before its seed exists. Each panel lists people
/// by their index in the pool, in ascending order.
/// </summary>
public sealed record UniformLottery(IReadOnlyList<int[]> Panels)
{
    public const int DefaultPanelCount = 1000;

    /// <summary>Each person's chance under this lottery: the share of panels they sit on.</summary>
    public double[] PersonProbabilities(int poolSize)
    {
        var seats = new int[poolSize];
        foreach (var panel in Panels)
        {
            foreach (var person in panel)
            {
                seats[person]++;
            }
        }
        return [.. seats.Select(s => (double)s / Panels.Count)];
    }

    /// <summary>
    /// Rounds a lottery over profile panels to <paramref name="panelCount"/> equally likely panels of people, in two
    /// steps. (1) Panel multiplicities M·w are rounded by iterated rounding in the manner of Beck and Fiala: while a
    /// profile's fractional seats exceed the panel size k, its expected seats are kept exactly, so once rounding is
    /// done each profile's expected seats move by less than k/M. (2) A profile's seats are dealt to its members in
    /// turn, so each member sits on ⌊S/n⌋ or ⌈S/n⌉ of the M panels. No person's probability moves by more than k/M.
    /// Deterministic: the lottery is committed to before any randomness.
    /// </summary>
    public static UniformLottery Round(Distribution distribution, ProfilePool pool, int panelCount = DefaultPanelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(panelCount, 1);
        var multiplicities = IteratedRounding.Round(distribution, pool.PanelSize, panelCount);
        var next = new int[pool.Profiles.Count];
        var panels = new List<int[]>(panelCount);
        for (var p = 0; p < distribution.Panels.Count; p++)
        {
            for (var copy = 0; copy < multiplicities[p]; copy++)
            {
                var people = new List<int>(pool.PanelSize);
                var counts = distribution.Panels[p];
                for (var t = 0; t < counts.Length; t++)
                {
                    var members = pool.Profiles[t].Members;
                    for (var seat = 0; seat < counts[t]; seat++)
                    {
                        people.Add(members[next[t]]);
                        next[t] = (next[t] + 1) % members.Count;
                    }
                }
                people.Sort();
                panels.Add([.. people]);
            }
        }
        return new UniformLottery(panels);
    }
}

/// <summary>Integer multiplicities summing to M that keep every heavily used profile's expected seats exact.</summary>
internal static class IteratedRounding
{
    private const double Tolerance = 1e-9;

    public static int[] Round(Distribution distribution, int panelSize, int panelCount)
    {
        var panels = distribution.Panels;
        var y = distribution.Weights.Select(w => w * panelCount).ToArray();
        var fractional = new List<int>();
        for (var p = 0; p < y.Length; p++)
        {
            Snap(y, p);
            if (!IsIntegral(y[p]))
            {
                fractional.Add(p);
            }
        }
        var dropped = new HashSet<int>();
        while (fractional.Count > 0)
        {
            var rows = AliveProfiles(panels, fractional, panelSize, dropped);
            if (rows.Count > 0 && fractional.Count < rows.Count + 2)
            {
                // Rare: too few free weights to keep every live profile. Stop tracking the lightest; its error stays small.
                var lightest = rows.MinBy(t => fractional.Sum(p => panels[p][t]));
                dropped.Add(lightest);
                continue;
            }
            var columns = fractional.Take(rows.Count + 2).ToList();
            var direction = NullVector(panels, rows, columns);
            var step = LargestStep(y, columns, direction);
            for (var i = 0; i < columns.Count; i++)
            {
                y[columns[i]] += step * direction[i];
                Snap(y, columns[i]);
            }
            fractional.RemoveAll(p => IsIntegral(y[p]));
            if (fractional.Count == 1)
            {
                // The total is a whole number, so the last fractional weight is whole up to rounding error.
                y[fractional[0]] = Math.Round(y[fractional[0]]);
                fractional.Clear();
            }
        }
        var result = y.Select(v => (int)Math.Round(v)).ToArray();
        var total = result.Sum();
        if (total != panelCount)
        {
            throw new InvalidOperationException($"Lottery rounding produced {total} panels instead of {panelCount}.");
        }
        return result;
    }

    private static bool IsIntegral(double value) => Math.Abs(value - Math.Round(value)) <= Tolerance;

    private static void Snap(double[] y, int p)
    {
        if (IsIntegral(y[p]))
        {
            y[p] = Math.Round(y[p]);
        }
    }

    /// <summary>Profiles whose seats over the still fractional panels exceed the panel size.</summary>
    private static List<int> AliveProfiles(IReadOnlyList<int[]> panels, List<int> fractional, int panelSize, HashSet<int> dropped)
    {
        var mass = new int[panels[0].Length];
        foreach (var p in fractional)
        {
            for (var t = 0; t < mass.Length; t++)
            {
                mass[t] += panels[p][t];
            }
        }
        return [.. Enumerable.Range(0, mass.Length).Where(t => mass[t] > panelSize && !dropped.Contains(t))];
    }

    /// <summary>A non-zero d with Σ d = 0 and, for each live profile, Σ d·seats = 0 (more columns than rows).</summary>
    private static double[] NullVector(IReadOnlyList<int[]> panels, List<int> rows, List<int> columns)
    {
        var height = rows.Count + 1;
        var width = columns.Count;
        var a = new double[height, width];
        for (var j = 0; j < width; j++)
        {
            a[0, j] = 1;
            for (var r = 0; r < rows.Count; r++)
            {
                a[r + 1, j] = panels[columns[j]][rows[r]];
            }
        }
        // Reduced row echelon form; the first column without a pivot is free.
        var pivotColumns = new List<int>();
        var row = 0;
        for (var col = 0; col < width && row < height; col++)
        {
            var best = row;
            for (var r = row + 1; r < height; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[best, col]))
                {
                    best = r;
                }
            }
            if (Math.Abs(a[best, col]) < 1e-12)
            {
                continue;
            }
            for (var c = 0; c < width; c++)
            {
                (a[row, c], a[best, c]) = (a[best, c], a[row, c]);
            }
            var pivot = a[row, col];
            for (var c = 0; c < width; c++)
            {
                a[row, c] /= pivot;
            }
            for (var r = 0; r < height; r++)
            {
                if (r != row && a[r, col] != 0)
                {
                    var factor = a[r, col];
                    for (var c = 0; c < width; c++)
                    {
                        a[r, c] -= factor * a[row, c];
                    }
                }
            }
            pivotColumns.Add(col);
            row++;
        }
        var free = Enumerable.Range(0, width).First(c => !pivotColumns.Contains(c));
        var d = new double[width];
        d[free] = 1;
        for (var r = 0; r < pivotColumns.Count; r++)
        {
            d[pivotColumns[r]] = -a[r, free];
        }
        return d;
    }

    /// <summary>The largest λ keeping every moved weight within its current unit interval.</summary>
    private static double LargestStep(double[] y, List<int> columns, double[] direction)
    {
        var step = double.PositiveInfinity;
        for (var i = 0; i < columns.Count; i++)
        {
            var value = y[columns[i]];
            if (direction[i] > 1e-12)
            {
                step = Math.Min(step, (Math.Floor(value) + 1 - value) / direction[i]);
            }
            else if (direction[i] < -1e-12)
            {
                step = Math.Min(step, (value - Math.Floor(value)) / -direction[i]);
            }
        }
        return step;
    }
}
