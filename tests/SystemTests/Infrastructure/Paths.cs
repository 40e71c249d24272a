namespace Assemblee.SystemTests.Infrastructure;

internal static class Paths
{
    /// <summary>The repository root, found from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assemblee.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Assemblee.sln not found above the test folder.");
    }
}
