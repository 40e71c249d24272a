using System.Runtime.InteropServices;

namespace Assemblee.Sortition.Engine.Solvers;

/// <summary>
/// An integer program held by CBC. Constraints are added once; each <see cref="Solve"/> works on a clone with its
/// own objective, since CBC does not support solving one model twice.
/// </summary>
internal sealed class IntegerProgram : IDisposable
{
    private readonly IntPtr _model;
    private int _rows;

    public IntegerProgram()
    {
        CoinNative.EnsureLoaded();
        _model = CoinNative.Cbc_newModel();
    }

    public int Columns { get; private set; }

    public unsafe int AddColumn(double lower, double upper, bool integer = true)
    {
        CoinNative.Cbc_addCol(_model, $"c{Columns}", lower, upper, 0, integer ? (byte)1 : (byte)0, 0, null, null);
        return Columns++;
    }

    public unsafe void AddRow(IEnumerable<(int Column, double Value)> terms, double lower, double upper)
    {
        var list = terms.ToList();
        var columns = list.Select(t => t.Column).ToArray();
        var values = list.Select(t => t.Value).ToArray();
        fixed (int* c = columns.Length == 0 ? [0] : columns)
        fixed (double* v = values.Length == 0 ? [0] : values)
        {
            CoinNative.Cbc_addRow(_model, $"r{_rows}", columns.Length, c, v, (byte)'L', upper);
        }
        CoinNative.Cbc_setRowLower(_model, _rows++, lower);
    }

    /// <returns>The optimal values of the columns, or null when the program is infeasible.</returns>
    public double[]? Solve(IReadOnlyList<double> objective, bool maximize, double maxSeconds = 0)
    {
        var model = CoinNative.Cbc_clone(_model);
        try
        {
            for (var c = 0; c < objective.Count; c++)
            {
                CoinNative.Cbc_setObjCoeff(model, c, objective[c]);
            }
            CoinNative.Cbc_setObjSense(model, maximize ? -1 : 1);
            CoinNative.Cbc_setLogLevel(model, 0);
            CoinNative.Cbc_setAllowableFractionGap(model, 0);
            // CBC's RINS heuristic solves sub-problems whose dual simplex can fail an assertion of Debian's CLP, which aborts
            // the whole process (pool-2000-4's warm start priced to 1e-7 did); without it the pricing is as fast or faster.
            CoinNative.Cbc_setParameter(model, "rins", "off");
            if (maxSeconds > 0)
            {
                CoinNative.Cbc_setMaximumSeconds(model, maxSeconds);
            }
            CoinNative.Cbc_solve(model);
            if (CoinNative.Cbc_isProvenInfeasible(model) != 0)
            {
                return null;
            }
            var solution = new double[Columns];
            Marshal.Copy(CoinNative.Cbc_getColSolution(model), solution, 0, Columns);
            return solution;
        }
        finally
        {
            CoinNative.Cbc_deleteModel(model);
        }
    }

    public void Dispose() => CoinNative.Cbc_deleteModel(_model);
}
