using System.Runtime.InteropServices;

namespace Assemblee.Sortition.Engine.Solvers;

internal enum LpStatus
{
    Optimal,
    Infeasible,
    Unbounded,
    Failed,
}

internal enum LpMethod
{
    /// <summary>
    /// Simplex from the previous basis: primal after columns were added (the basis stays primal feasible), dual after
    /// only row bounds changed (it stays dual feasible), which takes a LEXIMIN stage from one fix to the next in a few pivots.
    /// </summary>
    Simplex,

    /// <summary>
    /// Barrier without crossover, from scratch: an interior optimum, whose strictly positive duals mark every
    /// constraint that is tight in all optimal solutions.
    /// </summary>
    InteriorPoint,
}

internal sealed record LpSolution(LpStatus Status, double Objective, double[] Columns, double[] RowDuals);

/// <summary>
/// A linear program held by CLP, built with its rows first, then columns; columns can be added and objective
/// coefficients changed between solves (what column generation does on every round).
/// </summary>
internal sealed class LinearProgram : IDisposable
{
    public const double Infinity = double.MaxValue;

    private readonly List<(double Lower, double Upper)> _rows = [];
    private readonly List<double> _objective = [];
    private readonly List<(double Lower, double Upper, double Objective, int[] Rows, double[] Values)> _pendingColumns = [];
    private IntPtr _model;

    /// <summary>Row bounds changed since the last solve, and no column was added: the basis stays dual feasible.</summary>
    private bool _boundsChangedOnly;

    public int Columns => _objective.Count + _pendingColumns.Count;

    public int AddRow(double lower, double upper)
    {
        if (_model != IntPtr.Zero)
        {
            throw new InvalidOperationException("Rows are added before the first solve.");
        }
        _rows.Add((lower, upper));
        return _rows.Count - 1;
    }

    public int AddColumn(double lower, double upper, double objective, IEnumerable<(int Row, double Value)> entries)
    {
        var list = entries.Where(e => e.Value != 0).ToList();
        _pendingColumns.Add((lower, upper, objective, [.. list.Select(e => e.Row)], [.. list.Select(e => e.Value)]));
        return Columns - 1;
    }

    public unsafe void SetObjective(int column, double value)
    {
        Load();
        _objective[column] = value;
        var objective = _objective.ToArray();
        fixed (double* o = objective)
        {
            CoinNative.Clp_chgObjCoefficients(_model, o);
        }
    }

    /// <summary>Changes a row's lower bound; the next solve starts from the current basis.</summary>
    public unsafe void SetRowLower(int row, double value)
    {
        Load();
        _rows[row] = (value, _rows[row].Upper);
        var lower = _rows.Select(r => r.Lower).ToArray();
        fixed (double* l = lower)
        {
            CoinNative.Clp_chgRowLower(_model, l);
        }
        _boundsChangedOnly = _pendingColumns.Count == 0;
    }

    /// <summary>Changes (or, with 0, removes) one coefficient of the matrix.</summary>
    public void SetCoefficient(int row, int column, double value)
    {
        Load();
        CoinNative.Clp_modifyCoefficient(_model, row, column, value, keepZero: false);
    }

    public LpSolution Solve(bool maximize, LpMethod method)
    {
        var fresh = _model == IntPtr.Zero;
        var boundsChangedOnly = _boundsChangedOnly && _pendingColumns.Count == 0;
        _boundsChangedOnly = false;
        Load();
        CoinNative.Clp_setOptimizationDirection(_model, maximize ? -1 : 1);
        _ = method == LpMethod.InteriorPoint ? CoinNative.Clp_initialBarrierNoCrossSolve(_model)
            : fresh ? CoinNative.Clp_initialSolve(_model)
            : boundsChangedOnly ? CoinNative.Clp_dual(_model, 0)
            : CoinNative.Clp_primal(_model, 0);
        var status = CoinNative.Clp_status(_model) switch
        {
            0 => LpStatus.Optimal,
            1 => LpStatus.Infeasible,
            2 => LpStatus.Unbounded,
            _ => LpStatus.Failed,
        };
        var solution = new double[_objective.Count];
        var duals = new double[_rows.Count];
        Marshal.Copy(CoinNative.Clp_getColSolution(_model), solution, 0, solution.Length);
        Marshal.Copy(CoinNative.Clp_getRowPrice(_model), duals, 0, duals.Length);
        return new LpSolution(status, CoinNative.Clp_getObjValue(_model), solution, duals);
    }

    /// <summary>Creates the model with its rows on first use, then appends the columns added since.</summary>
    private unsafe void Load()
    {
        CoinNative.EnsureLoaded();
        if (_model == IntPtr.Zero)
        {
            _model = CoinNative.Clp_newModel();
            CoinNative.Clp_setLogLevel(_model, 0);
            var starts = new int[1];
            var lower = _rows.Select(r => r.Lower).ToArray();
            var upper = _rows.Select(r => r.Upper).ToArray();
            fixed (int* s = starts)
            fixed (double* rl = lower, ru = upper)
            {
                CoinNative.Clp_loadProblem(_model, 0, _rows.Count, s, null, null, null, null, null, rl, ru);
            }
        }
        if (_pendingColumns.Count == 0)
        {
            return;
        }
        var columnStarts = new int[_pendingColumns.Count + 1];
        for (var c = 0; c < _pendingColumns.Count; c++)
        {
            columnStarts[c + 1] = columnStarts[c] + _pendingColumns[c].Rows.Length;
        }
        var rows = _pendingColumns.SelectMany(c => c.Rows).ToArray();
        var values = _pendingColumns.SelectMany(c => c.Values).ToArray();
        var columnLower = _pendingColumns.Select(c => c.Lower).ToArray();
        var columnUpper = _pendingColumns.Select(c => c.Upper).ToArray();
        var objective = _pendingColumns.Select(c => c.Objective).ToArray();
        fixed (int* cs = columnStarts, r = rows.Length == 0 ? [0] : rows)
        fixed (double* v = values.Length == 0 ? [0] : values, cl = columnLower, cu = columnUpper, o = objective)
        {
            CoinNative.Clp_addColumns(_model, _pendingColumns.Count, cl, cu, o, cs, r, v);
        }
        _objective.AddRange(objective);
        _pendingColumns.Clear();
    }

    public void Dispose()
    {
        if (_model != IntPtr.Zero)
        {
            CoinNative.Clp_deleteModel(_model);
            _model = IntPtr.Zero;
        }
    }
}
