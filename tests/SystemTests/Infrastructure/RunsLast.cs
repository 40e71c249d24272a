using Xunit.Abstractions;
using Xunit.Sdk;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>Marks the test of a class that ends what the class's fixture started (stopping the AppHost), so it runs last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunsLastAttribute : Attribute;

/// <summary>
/// Runs the <see cref="RunsLastAttribute"/> test after the others of its class: one start of the whole application then
/// serves both the tests that use it and the test that stops it, where a start of its own would cost a minute.
/// </summary>
public sealed class RunsLastOrderer : ITestCaseOrderer
{
    public const string Name = "Assemblee.SystemTests.Infrastructure.RunsLastOrderer";

    public const string Assembly = "SystemTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method.GetCustomAttributes(typeof(RunsLastAttribute)).Any());
}
