using System.Text;

namespace Assemblee.Sortition.Domain.Tests;

public sealed class IdSetTests
{
    [Fact]
    public void An_id_is_found_again_exactly_among_hundreds_of_thousands()
    {
        var ids = new IdSet();
        var added = Enumerable.Range(0, 300_000).Count(i => ids.Add(Encoding.UTF8.GetBytes($"E{i:D8}")));

        Assert.Equal(300_000, added);
        Assert.False(ids.Add("E00123456"u8));
        Assert.False(ids.Add("E00000000"u8));
        Assert.True(ids.Add("E0012345"u8));
        Assert.True(ids.Add("é00123456"u8));
        Assert.Equal(300_002, ids.Count);
    }
}
