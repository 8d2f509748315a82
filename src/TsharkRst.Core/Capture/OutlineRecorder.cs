using System.Runtime.InteropServices;
using TsharkRst.Connections;

namespace TsharkRst.Capture;

/// <summary>Keeps the numbers of every TCP packet the triage pass reads, by connection, so a pair can be matched
/// without tshark. A packet is first marked as sent by its connection's first sender or not; once the index knows
/// each connection's client, the marks of a connection whose client was not its first sender are turned round.</summary>
public sealed class OutlineRecorder
{
    private readonly List<(Endpoint FirstSender, List<Segment> Segments)> _connections = [];

    public void Add(int connection, Endpoint source, long frame, long nanoseconds, in DecodedPacket packet)
    {
        while (_connections.Count <= connection)
            _connections.Add((source, []));
        var (firstSender, segments) = _connections[connection];
        segments.Add(new Segment(frame, CaptureClock.Time(nanoseconds), source.Equals(firstSender), packet.Seq, packet.Ack, packet.Flags,
            packet.PayloadLength, packet.HopCount, packet.IsIpv6));
    }

    /// <summary>Every connection of <paramref name="index"/>, in its order.</summary>
    public IReadOnlyList<ConnectionOutline> Outlines(ConnectionIndex index)
    {
        var outlines = new ConnectionOutline[index.Count];
        for (var i = 0; i < index.Count; i++)
        {
            var connection = index[i];
            var (firstSender, segments) = i < _connections.Count ? _connections[i] : (connection.Client, []);
            if (!firstSender.Equals(connection.Client))
                foreach (ref var segment in CollectionsMarshal.AsSpan(segments))
                    segment = segment with { FromClient = !segment.FromClient };
            segments.TrimExcess();
            outlines[i] = new ConnectionOutline(i, connection.Client, connection.Server, connection.HasReset, segments);
        }
        return outlines;
    }
}
