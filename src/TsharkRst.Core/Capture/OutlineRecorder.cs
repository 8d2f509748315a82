using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>Keeps the numbers of every TCP packet the triage pass reads, by connection, so a pair can be matched
/// without tshark; which side sent each is settled at the end, when the index knows each connection's client.</summary>
public sealed class OutlineRecorder
{
    private readonly List<List<(Endpoint Source, Segment Segment)>> _connections = [];

    public void Add(int connection, Endpoint source, long frame, long nanoseconds, in DecodedPacket packet)
    {
        while (_connections.Count <= connection)
            _connections.Add([]);
        _connections[connection].Add((source, new Segment(frame, CaptureClock.Time(nanoseconds), false, packet.Seq, packet.Ack, packet.Flags,
            packet.PayloadLength, packet.HopCount, packet.IsIpv6)));
    }

    /// <summary>Every connection of <paramref name="index"/>, in its order; each recorded packet is let go as its outline is made.</summary>
    public IReadOnlyList<ConnectionOutline> Outlines(ConnectionIndex index)
    {
        var outlines = new ConnectionOutline[index.Count];
        for (var i = 0; i < index.Count; i++)
        {
            var connection = index[i];
            var recorded = i < _connections.Count ? _connections[i] : [];
            var segments = new Segment[recorded.Count];
            for (var j = 0; j < recorded.Count; j++)
                segments[j] = recorded[j].Segment with { FromClient = recorded[j].Source.Equals(connection.Client) };
            outlines[i] = new ConnectionOutline(i, connection.Client, connection.Server, connection.HasReset, segments);
            if (i < _connections.Count)
                _connections[i] = [];
        }
        return outlines;
    }
}
