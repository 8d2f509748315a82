namespace TsharkRst.Capture;

/// <summary>What a decoded packet carries, as far as the triage pass cares.</summary>
public enum PacketKind
{
    /// <summary>Anything else: ARP, ICMP, a link type or header that does not decode.</summary>
    Other,

    /// <summary>A TCP segment of its own (not one quoted inside an ICMP error).</summary>
    Tcp,

    Udp,

    /// <summary>A fragment of a UDP datagram (a large DNS answer arrives this way).</summary>
    UdpFragment,
}
