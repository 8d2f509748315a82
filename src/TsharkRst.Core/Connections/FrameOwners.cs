namespace TsharkRst.Connections;

/// <summary>Which connection of an index each frame belongs to, for frames handed over in rising order, and
/// which connections have had their last frame: the connections whose frames are awaited are walked side by
/// side, each at its next frame, the nearest first. Holds only the connections under way, a few bytes each.</summary>
internal sealed class FrameOwners
{
    private readonly ConnectionIndex _index;
    // The connections awaited, in the order of their first frames (the index's order), and the first not yet under way.
    private readonly int[] _awaited;
    private int _next;
    private readonly PriorityQueue<int, long> _underWay = new();
    private readonly Dictionary<int, FrameList.Enumerator> _frames = [];

    public FrameOwners(ConnectionIndex index, IEnumerable<int> awaited) => (_index, _awaited) = (index, awaited.ToArray());

    /// <summary>The number of the connection <paramref name="frame"/> belongs to (-1 for none awaited); the
    /// connections whose last frame it is, or whose last frame it passed, are added to <paramref name="completed"/>.</summary>
    public int Owner(long frame, List<int> completed)
    {
        while (_next < _awaited.Length && _index.FirstFrameOf(_awaited[_next]) <= frame)
        {
            var number = _awaited[_next++];
            var frames = _index.FramesOf(number);
            frames.MoveNext();
            _frames[number] = frames;
            _underWay.Enqueue(number, frames.Current);
        }
        var owner = -1;
        while (_underWay.TryPeek(out var number, out var next) && next <= frame)
        {
            _underWay.Dequeue();
            if (next == frame)
                owner = number;
            var frames = _frames[number];
            var more = frames.MoveNext();
            while (more && frames.Current <= frame)
                more = frames.MoveNext();
            if (more)
            {
                _frames[number] = frames;
                _underWay.Enqueue(number, frames.Current);
            }
            else
            {
                _frames.Remove(number);
                completed.Add(number);
            }
        }
        return owner;
    }

    /// <summary>The connections awaited whose last frame never came, in the index's order.</summary>
    public IEnumerable<int> Rest() => _frames.Keys.Concat(_awaited.Skip(_next)).Order();
}
