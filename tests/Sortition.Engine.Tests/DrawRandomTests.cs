using System.Security.Cryptography;
using System.Text;
using Assemblee.Sortition.Engine.Randomness;

namespace Assemblee.Sortition.Engine.Tests;

public sealed class DrawRandomTests
{
    /// <summary>Values computed independently (Python hashlib) from the documented construction.</summary>
    [Fact]
    public void The_generator_matches_its_documented_construction()
    {
        var random = new DrawRandom(SHA256.HashData(Encoding.UTF8.GetBytes("assemblee")));

        ulong[] values = [.. Enumerable.Range(0, 5).Select(_ => random.NextUInt64())];

        Assert.Equal([2814606184658080377UL, 5118343262683158135UL, 3499178121834805538UL, 16053590322381312323UL, 5476678684803780582UL],
            values);
        Assert.Equal([377, 135, 538, 323, 582], values.Select(v => (int)(v % 1000)));
    }

    [Fact]
    public void Integers_are_uniform_and_in_range()
    {
        var random = DrawRandom.FromText("uniformity");
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
