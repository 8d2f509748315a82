using TsharkRst.Capture;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Capture;

/// <summary>One small synthetic capture per link type and header shape the triage pass decodes, for
/// checking its reading against tshark's.</summary>
internal static class LinkTypeSamples
{
    private const string Client = "192.0.2.10";
    private const string Server = "198.51.100.10";
    private const string Client6 = "2001:db8::10";
    private const string Server6 = "2001:db8:1::10";
    private const long Start = 1_795_000_000_123_456_789;

    private static byte[] SynSegment => Frames.Tcp(40000, 443, 1000, 0, Syn, optionWords: 5);
    private static byte[] DataSegment => Frames.Tcp(40000, 443, 1001, 5001, Psh | Ack, payload: 100);
    private static byte[] ResetSegment => Frames.Tcp(443, 40000, 5001, 1101, Rst | Ack);

    /// <summary>Name → pcap bytes (link type, packets).</summary>
    public static IReadOnlyDictionary<string, byte[]> All { get; } = new Dictionary<string, byte[]>
    {
        ["ethernet-vlan-ipv4-options"] = Pcap(LinkType.Ethernet,
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4(Client, Server, 6, SynSegment, optionWords: 3), 0x8100),
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4(Client, Server, 6, DataSegment), 0x88A8, 0x8100),
            Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x0800, Frames.Ipv4(Server, Client, 6, ResetSegment, ttl: 61))),
        ["ethernet-ipv6-extension-headers"] = Pcap(LinkType.Ethernet,
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x86DD, Frames.Ipv6(Client6, Server6, 6, SynSegment, 64, (0, 8), (60, 16))),
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x86DD, Frames.Ipv6(Client6, Server6, 6, DataSegment, 64, (44, 8))),
            Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x86DD, Frames.Ipv6(Server6, Client6, 6, ResetSegment, 255))),
        ["linux-cooked-ethernet"] = Pcap(LinkType.LinuxSll,
            Frames.Sll(1, Frames.ClientMac, 0x0800, Frames.Ipv4(Client, Server, 6, SynSegment)),
            Frames.Sll(1, Frames.ServerMac, 0x0800, Frames.Ipv4(Server, Client, 6, ResetSegment))),
        ["linux-cooked-loopback"] = Pcap(LinkType.LinuxSll,
            Frames.Sll(772, "00:00:00:00:00:00", 0x86DD, Frames.Ipv6(Client6, Server6, 6, SynSegment)),
            Frames.Sll(772, "00:00:00:00:00:00", 0x86DD, Frames.Ipv6(Server6, Client6, 6, ResetSegment))),
        ["linux-cooked-v2"] = Pcap(LinkType.LinuxSll2,
            Frames.Sll2(1, Frames.ClientMac, 0x0800, Frames.Ipv4(Client, Server, 6, SynSegment)),
            Frames.Sll2(1, Frames.ServerMac, 0x86DD, Frames.Ipv6(Server6, Client6, 6, ResetSegment)),
            Frames.Sll2(772, "00:00:00:00:00:00", 0x0800, Frames.Ipv4(Client, Server, 6, DataSegment))),
        ["raw-ip"] = Pcap(LinkType.Raw,
            Frames.Ipv4(Client, Server, 6, SynSegment),
            Frames.Ipv6(Server6, Client6, 6, ResetSegment)),
        ["raw-ipv4"] = Pcap(LinkType.Ipv4, Frames.Ipv4(Client, Server, 6, DataSegment), Frames.Ipv4(Server, Client, 6, ResetSegment)),
        ["raw-ipv6"] = Pcap(LinkType.Ipv6, Frames.Ipv6(Client6, Server6, 6, DataSegment), Frames.Ipv6(Server6, Client6, 6, ResetSegment)),
        ["bsd-null-little-endian"] = Pcap(LinkType.Null,
            Frames.Loopback(2, false, Frames.Ipv4(Client, Server, 6, SynSegment)),
            Frames.Loopback(30, false, Frames.Ipv6(Server6, Client6, 6, ResetSegment))),
        ["bsd-null-big-endian"] = Pcap(LinkType.Null,
            Frames.Loopback(2, true, Frames.Ipv4(Client, Server, 6, SynSegment)),
            Frames.Loopback(24, true, Frames.Ipv6(Server6, Client6, 6, ResetSegment))),
        ["bsd-loop"] = Pcap(LinkType.Loop,
            Frames.Loopback(2, true, Frames.Ipv4(Client, Server, 6, DataSegment)),
            Frames.Loopback(28, true, Frames.Ipv6(Server6, Client6, 6, ResetSegment))),
        ["ip-in-ip-and-6in4"] = Pcap(LinkType.Ethernet,
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800,
                Frames.Ipv4("203.0.113.1", "203.0.113.2", 4, Frames.Ipv4(Client, Server, 6, SynSegment, ttl: 63))),
            Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x0800,
                Frames.Ipv4("203.0.113.2", "203.0.113.1", 41, Frames.Ipv6(Server6, Client6, 6, ResetSegment, 60)))),
        ["dns-icmp-fragments-and-ecn-flags"] = Pcap(LinkType.Ethernet,
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4(Client, Server, 17, Frames.Udp(53000, 53, DnsQuery))),
            Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x0800,
                Frames.Ipv4(Server, Client, 1, [3, 3, 0, 0, 0, 0, 0, 0, .. Frames.Ipv4(Client, Server, 6, SynSegment)])),
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4(Client, Server, 6, DataSegment, fragment: 0x2000)),
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800,
                Frames.Ipv4(Client, Server, 6, Frames.Tcp(40001, 443, 7, 0, Syn | Ece | Cwr | (TsharkRst.Rows.TcpFlags)0x100)))),
        ["snapshot-length-cut"] = SnapshotCut(),
        ["tunnels-gre-erspan-aruba"] = Pcap(LinkType.Ethernet,
            Outer(47, Gre(0x2000, 0x0800, [0, 0, 0, 42], Frames.Ipv4(Client, Server, 6, SynSegment, ttl: 62))),
            Outer(47, Gre(0x0000, 0x6558, [], Inner(0x0800, Frames.Ipv4(Client, Server, 6, DataSegment)))),
            Outer(47, Gre(0x1000, 0x88BE, [0, 0, 0, 7, 0x10, 0, 0, 1, 0, 0, 0, 0], Inner(0x0800, Frames.Ipv4(Server, Client, 6, ResetSegment, ttl: 61)))),
            Outer(47, Gre(0x0000, 0x22EB, [0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], Inner(0x86DD, Frames.Ipv6(Client6, Server6, 6, SynSegment)))),
            Outer(47, Gre(0x0000, 0x8200, [], [0x88, 0x01, 0, 0, .. new byte[20], 0, 0, 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00,
                .. Frames.Ipv4(Client, Server, 6, DataSegment, ttl: 63)]))),
        ["tunnels-vxlan-gtp"] = Pcap(LinkType.Ethernet,
            Outer(17, Frames.Udp(54321, 4789, [0x08, 0, 0, 0, 0, 0, 100, 0, .. Inner(0x0800, Frames.Ipv4(Client, Server, 6, SynSegment))])),
            Outer(17, Frames.Udp(2152, 2152, Gtp([], Frames.Ipv4(Client, Server, 6, DataSegment, ttl: 60)))),
            // Sequence number, N-PDU number, then one extension header (PDU session container, 4 bytes) before the packet.
            Outer(17, Frames.Udp(2152, 2152, Gtp([0, 1, 0, 0x85, 1, 0x10, 0x01, 0], Frames.Ipv6(Server6, Client6, 6, ResetSegment)))),
            // The lower port is DNS's: tshark reads DNS, not VXLAN.
            Outer(17, Frames.Udp(53, 4789, DnsQuery)),
            // Lower ports without a dissector of their own: tshark tries the tunnel's, the higher one.
            Outer(17, Frames.Udp(3001, 4789, [0x08, 0, 0, 0, 0, 0, 100, 0, .. Inner(0x0800, Frames.Ipv4(Server, Client, 6, ResetSegment))])),
            Outer(17, Frames.Udp(2000, 2152, Gtp([], Frames.Ipv4(Server, Client, 6, ResetSegment))))),
    };

    /// <summary>An IPv4 packet between two tunnel endpoints, over Ethernet.</summary>
    private static byte[] Outer(int protocol, byte[] payload) =>
        Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4("203.0.113.1", "203.0.113.2", protocol, payload));

    /// <summary>An Ethernet frame inside a tunnel, with its own addresses.</summary>
    private static byte[] Inner(int etherType, byte[] payload) => Frames.Ethernet("02:00:00:00:09:10", "02:00:00:00:09:01", etherType, payload);

    private static byte[] Gre(int flags, int protocol, byte[] fields, byte[] payload) =>
        [(byte)(flags >> 8), (byte)flags, (byte)(protocol >> 8), (byte)protocol, .. fields, .. payload];

    /// <summary>A GTPv1-U G-PDU; with <paramref name="optional"/> (sequence, N-PDU, next extension and its headers) the E and S flags are set.</summary>
    private static byte[] Gtp(byte[] optional, byte[] packet)
    {
        var length = optional.Length + packet.Length;
        return [(byte)(optional.Length > 0 ? 0x36 : 0x30), 0xFF, (byte)(length >> 8), (byte)length, 0, 0, 0, 1, .. optional, .. packet];
    }

    /// <summary>A DNS query for example.com (A).</summary>
    private static byte[] DnsQuery =>
    [
        0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
        7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0,
        0, 1, 0, 1,
    ];

    /// <summary>Packets cut to their first 54 bytes (Ethernet, IPv4, TCP headers): lengths come from the IP header.</summary>
    private static byte[] SnapshotCut()
    {
        var whole = Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4(Client, Server, 6, DataSegment));
        return CaptureFile.Pcap(LinkType.Ethernet, [(Start, whole[..54])], snapLength: 54, originalLength: (uint)whole.Length);
    }

    private static byte[] Pcap(int linkType, params byte[][] packets) =>
        CaptureFile.Pcap(linkType, packets.Select((p, i) => (Start + i * 1_000_000L, p)), nanoseconds: true);
}
