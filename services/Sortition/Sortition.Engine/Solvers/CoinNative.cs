using System.Reflection;
using System.Runtime.InteropServices;

namespace Assemblee.Sortition.Engine.Solvers;

/// <summary>
/// The C interfaces of COIN-OR CLP (Clp_C_Interface.h) and CBC (Cbc_C_Interface.h). Debian's runtime packages ship
/// versioned names only (libClp.so.1, libCbcSolver.so.3), so the resolver tries those before the -dev symlinks.
/// </summary>
internal static partial class CoinNative
{
    private const string Clp = "Clp";
    private const string Cbc = "CbcSolver";

    static CoinNative() => NativeLibrary.SetDllImportResolver(typeof(CoinNative).Assembly, Resolve);

    /// <summary>Forces the resolver to be registered before the first call.</summary>
    public static void EnsureLoaded()
    {
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string[] candidates = name switch
        {
            Clp => ["libClp.so.1", "libClp.so"],
            Cbc => ["libCbcSolver.so.3", "libCbcSolver.so"],
            _ => [],
        };
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }
        if (candidates.Length > 0)
        {
            throw new DllNotFoundException(
                $"COIN-OR {name} is not installed ({string.Join(", ", candidates)}). Install it with: apt-get install -y coinor-libcbc3");
        }
        return IntPtr.Zero;
    }

    // CLP: linear programs.
    [LibraryImport(Clp)] public static partial IntPtr Clp_newModel();
    [LibraryImport(Clp)] public static partial void Clp_deleteModel(IntPtr model);
    [LibraryImport(Clp)]
    public static unsafe partial void Clp_loadProblem(IntPtr model, int numberColumns, int numberRows, int* start, int* index,
        double* value,
        double* columnLower, double* columnUpper, double* objective, double* rowLower, double* rowUpper);
    [LibraryImport(Clp)] public static partial void Clp_setOptimizationDirection(IntPtr model, double direction);
    [LibraryImport(Clp)] public static partial void Clp_setLogLevel(IntPtr model, int level);
    [LibraryImport(Clp)] public static partial int Clp_initialBarrierNoCrossSolve(IntPtr model);
    [LibraryImport(Clp)] public static partial int Clp_initialSolve(IntPtr model);
    [LibraryImport(Clp)] public static partial int Clp_status(IntPtr model);
    [LibraryImport(Clp)] public static partial int Clp_dual(IntPtr model, int ifValuesPass);
    [LibraryImport(Clp)] public static partial int Clp_getNumRows(IntPtr model);
    [LibraryImport(Clp)] public static unsafe partial void Clp_chgObjCoefficients(IntPtr model, double* objective);
    [LibraryImport(Clp)] public static unsafe partial void Clp_chgRowLower(IntPtr model, double* rowLower);
    [LibraryImport(Clp)]
    public static partial void Clp_modifyCoefficient(IntPtr model, int row, int column, double newElement,
        [MarshalAs(UnmanagedType.U1)] bool keepZero);
    [LibraryImport(Clp)] public static partial int Clp_primal(IntPtr model, int ifValuesPass);
    [LibraryImport(Clp)]
    public static unsafe partial void Clp_addColumns(IntPtr model, int number, double* columnLower, double* columnUpper, double* objective,
        int* columnStarts, int* rows, double* elements);
    [LibraryImport(Clp)] public static partial int Clp_getNumCols(IntPtr model);
    [LibraryImport(Clp)]
    public static unsafe partial void Clp_addRows(IntPtr model, int number, double* rowLower, double* rowUpper, int* rowStarts,
        int* columns, double* elements);
    [LibraryImport(Clp)] public static partial IntPtr Clp_getColSolution(IntPtr model);
    [LibraryImport(Clp)] public static partial IntPtr Clp_getRowPrice(IntPtr model);
    [LibraryImport(Clp)] public static partial double Clp_getObjValue(IntPtr model);

    // CBC: mixed-integer programs.
    [LibraryImport(Cbc)] public static partial IntPtr Cbc_newModel();
    [LibraryImport(Cbc)] public static partial void Cbc_deleteModel(IntPtr model);
    [LibraryImport(Cbc)] public static partial IntPtr Cbc_clone(IntPtr model);
    [LibraryImport(Cbc, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial void Cbc_addCol(IntPtr model, string name, double lower, double upper, double objective, byte isInteger,
        int nonZeros, int* rows, double* coefficients);
    [LibraryImport(Cbc, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial void Cbc_addRow(IntPtr model, string name, int nonZeros, int* columns, double* coefficients, byte sense,
        double rightHandSide);
    [LibraryImport(Cbc)] public static partial void Cbc_setRowLower(IntPtr model, int index, double value);
    [LibraryImport(Cbc)] public static partial void Cbc_setRowUpper(IntPtr model, int index, double value);
    [LibraryImport(Cbc)] public static partial void Cbc_setObjCoeff(IntPtr model, int index, double value);
    [LibraryImport(Cbc)] public static partial void Cbc_setObjSense(IntPtr model, double sense);
    [LibraryImport(Cbc)] public static partial void Cbc_setLogLevel(IntPtr model, int level);
    [LibraryImport(Cbc)] public static partial void Cbc_setAllowableFractionGap(IntPtr model, double gap);
    [LibraryImport(Cbc)] public static partial void Cbc_setMaximumSeconds(IntPtr model, double seconds);
    [LibraryImport(Cbc, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Cbc_setParameter(IntPtr model, string name, string value);
    [LibraryImport(Cbc)] public static partial int Cbc_solve(IntPtr model);
    [LibraryImport(Cbc)] public static partial int Cbc_isProvenOptimal(IntPtr model);
    [LibraryImport(Cbc)] public static partial int Cbc_isProvenInfeasible(IntPtr model);
    [LibraryImport(Cbc)] public static partial IntPtr Cbc_getColSolution(IntPtr model);
    [LibraryImport(Cbc)] public static partial double Cbc_getObjValue(IntPtr model);
}
