using Assemblee.Sortition.Engine.Csv;
using Assemblee.Sortition.Engine.Model;
using Assemblee.SystemTests.Infrastructure;

namespace Assemblee.Sortition.Engine.Tests;

/// <summary>The Nature paper's public instances, read from ../shared at run time (they are GPL: not copied here).</summary>
internal static class PublicInstances
{
    public static string Directory(string name) => Path.Combine(Paths.Shared, "sortition-instances", name);

    public static SelectionProblem Read(string name, int panelSize) =>
        InstanceFiles.Read(Path.Combine(Directory(name), "categories.csv"), Path.Combine(Directory(name), "respondents.csv"), panelSize);
}
