using TsharkRst.Capture;
using TsharkRst.Connections;

namespace TsharkRst.Analysis;

/// <summary>Knows from the triage index the last frame of every reset connection, so a connection can be
/// diagnosed as soon as tshark has handed over all of its packets and its rows let go, instead of every
/// row of every reset connection being held until tshark is done. A connection tshark grouped otherwise
/// than the index (another first frame or packet count) is left for the end.</summary>
internal sealed class ResetCompletion(IEnumerable<IndexedConnection> resetConnections, Action<Connection, IndexedConnection> completed)
{
    private readonly Dictionary<long, IndexedConnection> _ends = resetConnections.ToDictionary(c => c.LastFrame);

    /// <summary>Called with each TCP row's connection once the row is added to it.</summary>
    public void Saw(Connection connection, long frame)
    {
        if (_ends.Remove(frame, out var indexed) && connection.Packets.Count == indexed.Packets && connection.Packets[0].Frame == indexed.FirstFrame)
            completed(connection, indexed);
    }
}
