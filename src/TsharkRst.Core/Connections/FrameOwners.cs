namespace TsharkRst.Connections;

/// <summary>Which connection of an index each frame belongs to, for frames handed over in rising order, and
/// which connections have had their last frame: the connections whose frames are awaited are walked side by
/// side, each at its next frame, the nearest first. Holds only the connections under way, a few bytes each.</summary>
/// <param name="awaited">whether the connection of a number is awaited</param>
internal sealed class FrameOwners(ConnectionIndex index, Func<int, bool> awaited)
{
    // The first connection not yet looked at, in the index's order (that of first frames): no array of the awaited,
    // which took 2.5 MB for a capture of 625,000 connections, every one reset.
    private int _next;
    private readonly PriorityQueue<int, long> _underWay = new();
    private readonly Dictionary<int, FrameList.Enumerator> _frames = [];

    /// <summary>The number of the connection <paramref name="frame"/> belongs to (-1 for none awaited); the
    /// connections whose last frame it is, or whose last frame it passed, are added to <paramref name="completed"/>.</summary>
    public int Owner(long frame, List<int> completed)
    {
        while (_next < index.Count && index.FirstFrameOf(_next) <= frame)
        {
            var number = _next++;
            if (!awaited(number))
                continue;
            var frames = index.FramesOf(number);
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
    public IEnumerable<int> Rest() => _frames.Keys.Concat(Enumerable.Range(_next, index.Count - _next).Where(awaited)).Order();
}
