using TsharkRst.Rows;

namespace TsharkRst.Capture;

/// <summary>What the triage pass reads of one packet: the innermost IP header's addresses and hop
/// count, the first link-layer source MAC, and the TCP or UDP header. IPv4 addresses sit in the low
/// 32 bits of <see cref="Source"/> and <see cref="Destination"/>.</summary>
public readonly record struct DecodedPacket(
    PacketKind Kind,
    bool IsIpv6,
    AddressBits Source,
    AddressBits Destination,
    int HopCount,
    ulong? SourceMac,
    int SourcePort,
    int DestinationPort,
    TcpFlags Flags,
    uint Seq,
    uint Ack,
    int PayloadLength)
{
    /// <summary>Carried inside a UDP or GRE tunnel (VXLAN, GTP-U, GRE, ERSPAN): these are the inner packet's headers.</summary>
    public bool Encapsulated { get; init; }

    /// <summary>No segment of its own, yet tshark reads a TCP header in it, and puts it in that connection's stream: a
    /// fragment of a TCP datagram, or an ICMP error quoting the segment it answers.</summary>
    public bool HidesTcp { get; init; }

    public const int DnsPort = 53;

    public bool IsDns => Kind is PacketKind.Tcp or PacketKind.Udp && (SourcePort == DnsPort || DestinationPort == DnsPort);
}
