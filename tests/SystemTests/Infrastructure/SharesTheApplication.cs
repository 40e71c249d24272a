using System.Reflection;
using Xunit.Sdk;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>
/// Marks a test that stops or kills part of the shared application (the broker, the mail server, a service): it runs while no
/// other test does, since the collections that share the application run side by side.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DisruptsTheApplicationAttribute : Attribute;

/// <summary>
/// On a collection that shares the application: each of its tests holds one share of it while it runs, and a test marked
/// <see cref="DisruptsTheApplicationAttribute"/> holds every share, so it waits for the tests under way and the others wait
/// for it. xunit 2 calls Before and After synchronously, not always on one thread, hence shares of a semaphore rather than a
/// ReaderWriterLockSlim, which belongs to the thread that took it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharesTheApplicationAttribute : BeforeAfterTestAttribute
{
    /// <summary>More than ever run at once (xunit.runner.json lets two).</summary>
    private const int Shares = 16;

    private static readonly SemaphoreSlim Available = new(Shares, Shares);

    /// <summary>Two disruptions taking shares at once could each hold some and wait forever for the rest.</summary>
    private static readonly SemaphoreSlim OneDisruption = new(1, 1);

    public override void Before(MethodInfo methodUnderTest)
    {
        if (!Disrupts(methodUnderTest))
        {
            Available.Wait();
            return;
        }
        OneDisruption.Wait();
        for (var share = 0; share < Shares; share++)
        {
            Available.Wait();
        }
    }

    public override void After(MethodInfo methodUnderTest)
    {
        if (!Disrupts(methodUnderTest))
        {
            Available.Release();
            return;
        }
        Available.Release(Shares);
        OneDisruption.Release();
    }

    private static bool Disrupts(MethodInfo test) => test.IsDefined(typeof(DisruptsTheApplicationAttribute), inherit: false);
}
