using TsharkRst.Connections;

namespace TsharkRst.Reports;

/// <summary>Resets per server in bounded memory (Space-Saving, Metwally et al. 2005): at most
/// <see cref="Capacity"/> servers are counted; a server seen once the table is full takes the place of
/// the least counted one, whose count it inherits as possible overcount. Reported is what is certain
/// (count − overcount), so a count is exact while there are no more servers than the table holds, and
/// any server with more than 1/<see cref="Capacity"/> of the resets is always in it: a port scan has as
/// many servers as resets.</summary>
internal sealed class BusiestServers
{
    public const int Capacity = 4096;

    private readonly Dictionary<Endpoint, int> _positions = [];
    // A min-heap by count, so the least counted server is at the top.
    private readonly List<(Endpoint Server, long Count, long Overcount)> _heap = [];

    public void Add(Endpoint server)
    {
        if (_positions.TryGetValue(server, out var position))
        {
            _heap[position] = _heap[position] with { Count = _heap[position].Count + 1 };
            Down(position);
        }
        else if (_heap.Count < Capacity)
        {
            _heap.Add((server, 1, 0));
            _positions[server] = _heap.Count - 1;
            Up(_heap.Count - 1);
        }
        else
        {
            var least = _heap[0];
            _positions.Remove(least.Server);
            _heap[0] = (server, least.Count + 1, least.Count);
            _positions[server] = 0;
            Down(0);
        }
    }

    /// <summary>The <paramref name="count"/> servers with the most resets certainly counted, the most first.</summary>
    public IReadOnlyList<(Endpoint Server, long Resets)> Top(int count) =>
        _heap.Select(e => (e.Server, Resets: e.Count - e.Overcount))
            .Where(e => e.Resets > 0)
            .OrderByDescending(e => e.Resets).ThenBy(e => e.Server, Comparer<Endpoint>.Create(ConnectionKey.Compare))
            .Take(count)
            .ToList();

    private void Up(int position)
    {
        while (position > 0 && _heap[position].Count < _heap[(position - 1) / 2].Count)
            position = Swap(position, (position - 1) / 2);
    }

    private void Down(int position)
    {
        while (true)
        {
            var least = position;
            foreach (var child in (ReadOnlySpan<int>)[2 * position + 1, 2 * position + 2])
                if (child < _heap.Count && _heap[child].Count < _heap[least].Count)
                    least = child;
            if (least == position)
                return;
            position = Swap(position, least);
        }
    }

    /// <summary>Swaps two places of the heap; returns the second.</summary>
    private int Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        (_positions[_heap[a].Server], _positions[_heap[b].Server]) = (a, b);
        return b;
    }
}
