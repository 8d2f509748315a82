using TsharkRst.Rows;

namespace TsharkRst.Connections;

/// <summary>One TCP packet of a connection as pairing compares it: its numbers, its time and its hop count, read
/// by the triage pass or taken from tshark's row alike, so both ways of reading a pair match it the same.</summary>
public readonly record struct Segment(
    long Frame,
    DateTimeOffset Time,
    bool FromClient,
    uint? Seq,
    uint? Ack,
    TcpFlags Flags,
    int Length,
    int? HopCount,
    bool IsIpv6)
{
    public bool Has(TcpFlags flag) => (Flags & flag) == flag;

    public static Segment Of(PacketRow row, bool fromClient) =>
        new(row.Frame, row.Time, fromClient, row.Seq, row.Ack, row.Flags ?? TcpFlags.None, row.PayloadLength, row.HopCount, row.IsIpv6);
}
