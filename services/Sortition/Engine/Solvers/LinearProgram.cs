using System.Runtime.InteropServices;

namespace Assemblee.Sortition.Engine.Solvers;

internal enum LpStatus
{
    Optimal,
    Infeasible,
    Unbounded,
    Failed,
}

internal sealed record LpSolution(LpStatus Status, double Objective, double[] Columns, double[] RowDuals);

/// <summary>A linear program built row by row and solved by CLP, by simplex or by barrier without crossover.</summary>
internal sealed class LinearProgram
{
    public const double Infinity = double.MaxValue;

    private readonly List<(double Lower, double Upper, double Objective)> _columns = [];
    private readonly List<(int[] Columns, double[] Values, double Lower, double Upper)> _rows = [];

    public int AddColumn(double lower, double upper, double objective)
    {
        _columns.Add((lower, upper, objective));
        return _columns.Count - 1;
    }

    public void AddRow(IEnumerable<(int Column, double Value)> terms, double lower, double upper)
    {
        var list = terms.Where(t => t.Value != 0).ToList();
        _rows.Add(([.. list.Select(t => t.Column)], [.. list.Select(t => t.Value)], lower, upper));
    }

    /// <param name="interiorPoint">
    /// Barrier without crossover: an interior optimum, whose strictly positive values mark every variable that is
    /// positive in some optimal solution (what LEXIMIN needs to fix many agents at once).
    /// </param>
    public unsafe LpSolution Solve(bool minimize, bool interiorPoint)
    {
        CoinNative.EnsureLoaded();
        // Column-major copy of the rows.
        var perColumn = new List<(int Row, double Value)>[_columns.Count];
        for (var c = 0; c < perColumn.Length; c++)
        {
            perColumn[c] = [];
        }
        for (var r = 0; r < _rows.Count; r++)
        {
            for (var i = 0; i < _rows[r].Columns.Length; i++)
            {
                perColumn[_rows[r].Columns[i]].Add((r, _rows[r].Values[i]));
            }
        }
        var starts = new int[_columns.Count + 1];
        for (var c = 0; c < perColumn.Length; c++)
        {
            starts[c + 1] = starts[c] + perColumn[c].Count;
        }
        var indices = perColumn.SelectMany(column => column.Select(e => e.Row)).ToArray();
        var values = perColumn.SelectMany(column => column.Select(e => e.Value)).ToArray();
        var columnLower = _columns.Select(c => c.Lower).ToArray();
        var columnUpper = _columns.Select(c => c.Upper).ToArray();
        var objective = _columns.Select(c => c.Objective).ToArray();
        var rowLower = _rows.Select(r => r.Lower).ToArray();
        var rowUpper = _rows.Select(r => r.Upper).ToArray();

        var model = CoinNative.Clp_newModel();
        try
        {
            fixed (int* s = starts, ix = indices.Length == 0 ? [0] : indices)
            fixed (double* v = values.Length == 0 ? [0] : values, cl = columnLower, cu = columnUpper, o = objective,
                   rl = rowLower.Length == 0 ? [0] : rowLower, ru = rowUpper.Length == 0 ? [0] : rowUpper)
            {
                CoinNative.Clp_loadProblem(model, _columns.Count, _rows.Count, s, ix, v, cl, cu, o, rl, ru);
            }
            CoinNative.Clp_setLogLevel(model, 0);
            CoinNative.Clp_setOptimizationDirection(model, minimize ? 1 : -1);
            _ = interiorPoint ? CoinNative.Clp_initialBarrierNoCrossSolve(model) : CoinNative.Clp_initialSolve(model);
            var status = CoinNative.Clp_status(model) switch
            {
                0 => LpStatus.Optimal,
                1 => LpStatus.Infeasible,
                2 => LpStatus.Unbounded,
                _ => LpStatus.Failed,
            };
            var solution = new double[_columns.Count];
            var duals = new double[_rows.Count];
            Marshal.Copy(CoinNative.Clp_getColSolution(model), solution, 0, solution.Length);
            if (duals.Length > 0)
            {
                Marshal.Copy(CoinNative.Clp_getRowPrice(model), duals, 0, duals.Length);
            }
            return new LpSolution(status, CoinNative.Clp_getObjValue(model), solution, duals);
        }
        finally
        {
            CoinNative.Clp_deleteModel(model);
        }
    }
}
