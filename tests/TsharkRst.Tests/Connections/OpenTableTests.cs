using TsharkRst.Connections;

namespace TsharkRst.Tests.Connections;

public sealed class OpenTableTests
{
    [Fact]
    public void Every_key_is_found_after_growing_and_removing_others()
    {
        var table = new OpenTable<long, string>();
        // Multiples of 1024 share their low bits: the probing runs are long, which removal must keep intact.
        var keys = Enumerable.Range(0, 5000).Select(i => (long)i * 1024).ToList();
        foreach (var key in keys)
            table.Set(key, $"v{key}");
        foreach (var key in keys.Where(k => k % 3072 == 0))
            table.Remove(key, table.Find(key)!);

        Assert.All(keys, key => Assert.Equal(key % 3072 == 0 ? null : $"v{key}", table.Find(key)));
    }

    [Fact]
    public void Remove_leaves_a_key_that_maps_to_another_value()
    {
        var table = new OpenTable<int, string>();
        table.Set(7, "new");
        table.Remove(7, "old");
        Assert.Equal("new", table.Find(7));
        table.Set(7, "newer");
        Assert.Equal("newer", table.Find(7));
    }
}
