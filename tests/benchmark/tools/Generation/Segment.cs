using TsharkRst.Rows;

namespace TsharkRst.Benchmark.Generation;

/// <summary>Which TCP options a segment carries: a SYN's (MSS, SACK permitted, timestamps, window
/// scale), a scanner's SYN (MSS only), the timestamps of an established connection, or none (RSTs).</summary>
internal enum SegmentOptions
{
    None,
    Syn,
    ScannerSyn,
    Timestamps,
}

/// <summary>One TCP segment to write, complete down to its Ethernet addresses.</summary>
internal readonly record struct Segment(
    long Nanoseconds,
    Peer Source,
    ushort SourcePort,
    Peer Destination,
    ushort DestinationPort,
    TcpFlags Flags,
    uint Seq,
    uint Ack,
    ushort Window,
    ushort IpId,
    byte Ttl,
    ulong SourceMac,
    SegmentOptions Options,
    uint TsVal,
    uint TsEcr,
    ReadOnlyMemory<byte> Payload)
{
    public bool IsRst => (Flags & TcpFlags.Rst) != 0;
}
