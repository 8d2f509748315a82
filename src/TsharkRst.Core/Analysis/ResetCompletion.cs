using TsharkRst.Capture;
using TsharkRst.Connections;

namespace TsharkRst.Analysis;

/// <summary>Knows from the triage index the last frame of every reset connection, so a connection can be
/// diagnosed as soon as tshark has handed over all of its packets and its rows let go, instead of every
/// row of every reset connection being held until tshark is done. A connection tshark grouped otherwise
/// than the index (another first frame or packet count) is left for the end.</summary>
internal sealed class ResetCompletion
{
    private readonly ConnectionIndex _index;
    private readonly Action<Connection, IndexedConnection> _completed;
    // The reset connections' numbers in the order of their last frames, and the first not yet reached:
    // tshark hands rows over in frame order.
    private readonly int[] _byLastFrame;
    private int _next;

    public ResetCompletion(ConnectionIndex index, Action<Connection, IndexedConnection> completed)
    {
        (_index, _completed) = (index, completed);
        _byLastFrame = new int[index.ResetCount];
        var n = 0;
        for (var i = 0; i < index.Count && n < _byLastFrame.Length; i++)
            if (index[i].HasReset)
                _byLastFrame[n++] = i;
        // Each frame is the last of at most one connection, so the order is total.
        _byLastFrame.AsSpan().Sort((a, b) => index.LastFrameOf(a).CompareTo(index.LastFrameOf(b)));
    }

    /// <summary>Called with each TCP row's connection once the row is added to it, in frame order.</summary>
    public void Saw(Connection connection, long frame)
    {
        while (_next < _byLastFrame.Length && _index.LastFrameOf(_byLastFrame[_next]) < frame)
            _next++;
        if (_next == _byLastFrame.Length || _index.LastFrameOf(_byLastFrame[_next]) != frame)
            return;
        var indexed = _index[_byLastFrame[_next++]];
        if (connection.Packets.Count == indexed.Packets && connection.Packets[0].Frame == indexed.FirstFrame)
            _completed(connection, indexed);
    }
}
