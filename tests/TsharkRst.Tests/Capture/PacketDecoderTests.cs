using System.Net;
using TsharkRst.Capture;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Capture;

public class PacketDecoderTests
{
    private static readonly byte[] Segment = Frames.Tcp(40000, 443, 0xFFFF_FFF0, 77, Psh | Ack, payload: 30, optionWords: 3);

    private static string Address(DecodedPacket p, bool destination = false) =>
        new AddressBook().Address(destination ? p.Destination : p.Source, p.IsIpv6).ToString();

    [Fact]
    public void A_QinQ_tagged_IPv4_segment_with_options_gives_addresses_ports_numbers_and_payload()
    {
        var frame = Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800,
            Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Segment, ttl: 57, optionWords: 2), 0x88A8, 0x8100);
        var p = PacketDecoder.Decode(LinkType.Ethernet, frame, (uint)frame.Length);
        Assert.Equal(PacketKind.Tcp, p.Kind);
        Assert.Equal(("192.0.2.10", "198.51.100.10"), (Address(p), Address(p, destination: true)));
        Assert.Equal((40000, 443, 0xFFFF_FFF0u, 77u, Psh | Ack, 30, 57), (p.SourcePort, p.DestinationPort, p.Seq, p.Ack, p.Flags, p.PayloadLength, p.HopCount));
        Assert.Equal(Frames.ClientMac, new AddressBook().Mac(p.SourceMac!.Value));
        Assert.False(p.IsDns);
    }

    [Fact]
    public void Ethernet_padding_and_a_snapshot_cut_do_not_change_the_payload_length()
    {
        var bare = Frames.Tcp(40000, 443, 1, 1, Ack);
        var padded = Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, bare));
        Assert.Equal(60, padded.Length);
        Assert.Equal(0, PacketDecoder.Decode(LinkType.Ethernet, padded, 60).PayloadLength);

        var whole = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Segment);
        Assert.Equal(30, PacketDecoder.Decode(LinkType.Raw, whole[..52], (uint)whole.Length).PayloadLength);
    }

    [Fact]
    public void A_TCP_header_the_packet_cuts_short_of_its_options_is_a_segment_without_payload_and_a_bogus_length_is_not()
    {
        // The IP header claims the 32-byte header (options included) that only its first 20 bytes of arrived.
        var options = Frames.Tcp(51218, 21999, 7, 9, Ack, optionWords: 3);
        var cut = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, options)[..40];
        var p = PacketDecoder.Decode(LinkType.Raw, cut, (uint)cut.Length);
        Assert.Equal((PacketKind.Tcp, 51218, 21999, Ack, 0), (p.Kind, p.SourcePort, p.DestinationPort, p.Flags, p.PayloadLength));

        var bogus = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(51218, 21999, 7, 9, Ack, payload: 20));
        bogus[20 + 12] = 0x00; // a data offset of 0 words
        Assert.Equal(PacketKind.Other, PacketDecoder.Decode(LinkType.Raw, bogus, (uint)bogus.Length).Kind);
    }

    [Fact]
    public void An_offloaded_IPv4_packet_with_total_length_0_counts_what_was_captured()
    {
        var offloaded = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Segment, totalLength: 0);
        Assert.Equal(30, PacketDecoder.Decode(LinkType.Ipv4, offloaded, (uint)offloaded.Length).PayloadLength);
    }

    [Fact]
    public void IPv6_extension_headers_are_walked_to_the_TCP_header()
    {
        var packet = Frames.Ipv6("2001:db8::10", "2001:db8:1::10", 6, Segment, 61, (0, 8), (43, 24), (60, 16), (44, 8));
        var p = PacketDecoder.Decode(LinkType.Ipv6, packet, (uint)packet.Length);
        Assert.Equal((PacketKind.Tcp, true, 61, 30), (p.Kind, p.IsIpv6, p.HopCount, p.PayloadLength));
        Assert.Equal(IPAddress.Parse("2001:db8::10").ToString(), Address(p));
    }

    [Fact]
    public void UDP_fragments_are_kept_as_DNS_context_and_TCP_fragments_are_not_segments()
    {
        var udpFragment = Frames.Ipv4("198.51.100.53", "192.0.2.10", 17, new byte[40], fragment: 0x2000);
        Assert.Equal(PacketKind.UdpFragment, PacketDecoder.Decode(LinkType.Ipv4, udpFragment, 60).Kind);
        var tcpFragment = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Segment, fragment: 0x0010);
        var p = PacketDecoder.Decode(LinkType.Ipv4, tcpFragment, (uint)tcpFragment.Length);
        // tshark reads the TCP header once the datagram is whole.
        Assert.Equal((PacketKind.Other, true), (p.Kind, p.HidesTcp));
        var ipv6Fragment = Frames.Ipv6("2001:db8::53", "2001:db8::10", 17, new byte[40], 64, (44, 8));
        ipv6Fragment[40 + 3] = 1; // more fragments follow
        p = PacketDecoder.Decode(LinkType.Ipv6, ipv6Fragment, (uint)ipv6Fragment.Length);
        Assert.Equal((PacketKind.UdpFragment, false), (p.Kind, p.HidesTcp));
        var ipv6TcpFragment = Frames.Ipv6("2001:db8::10", "2001:db8::53", 6, Segment, 64, (44, 8));
        ipv6TcpFragment[40 + 3] = 1;
        p = PacketDecoder.Decode(LinkType.Ipv6, ipv6TcpFragment, (uint)ipv6TcpFragment.Length);
        Assert.Equal((PacketKind.Other, true), (p.Kind, p.HidesTcp));
    }

    [Theory]
    [InlineData(3, 6, true)] // fragmentation needed, quoting a segment
    [InlineData(11, 6, true)] // time exceeded
    [InlineData(3, 17, false)] // port unreachable, quoting a UDP datagram
    [InlineData(0, 6, false)] // an echo reply is no error, whatever its data looks like
    public void An_ICMP_error_quoting_a_segment_hides_TCP(int type, int quotedProtocol, bool hidesTcp)
    {
        var quoted = Frames.Ipv4("198.51.100.10", "192.0.2.11", quotedProtocol, Segment);
        var icmp = new byte[8 + 48];
        icmp[0] = (byte)type;
        quoted.AsSpan(0, 48).CopyTo(icmp.AsSpan(8));
        var frame = Frames.Ipv4("203.0.113.1", "198.51.100.10", 1, icmp);

        var p = PacketDecoder.Decode(LinkType.Ipv4, frame, (uint)frame.Length);

        Assert.Equal((PacketKind.Other, hidesTcp), (p.Kind, p.HidesTcp));
    }

    [Theory]
    [InlineData(2, 6, true)] // packet too big, quoting a segment
    [InlineData(1, 17, false)] // unreachable, quoting a UDP datagram
    [InlineData(129, 6, false)] // echo reply
    public void An_ICMPv6_error_quoting_a_segment_hides_TCP(int type, int quotedProtocol, bool hidesTcp)
    {
        var quoted = Frames.Ipv6("2001:db8:2::10", "2001:db8:1::11", quotedProtocol, Segment);
        var icmp = new byte[8 + quoted.Length];
        icmp[0] = (byte)type;
        quoted.CopyTo(icmp, 8);
        var frame = Frames.Ipv6("2001:db8::1", "2001:db8:2::10", 58, icmp);

        var p = PacketDecoder.Decode(LinkType.Ipv6, frame, (uint)frame.Length);

        Assert.Equal((PacketKind.Other, hidesTcp), (p.Kind, p.HidesTcp));
    }

    [Fact]
    public void UDP_and_TCP_on_port_53_are_DNS()
    {
        var udp = Frames.Ipv4("192.0.2.10", "198.51.100.53", 17, Frames.Udp(53000, 53, new byte[12]));
        var tcp = Frames.Ipv4("198.51.100.53", "192.0.2.10", 6, Frames.Tcp(53, 53001, 1, 1, Ack));
        Assert.True(PacketDecoder.Decode(LinkType.Ipv4, udp, (uint)udp.Length).IsDns);
        Assert.True(PacketDecoder.Decode(LinkType.Ipv4, tcp, (uint)tcp.Length).IsDns);
    }

    [Fact]
    public void IP_in_IP_tunnels_are_decoded_to_the_innermost_TCP_header()
    {
        var inner = Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Segment, ttl: 61);
        var tunnel = Frames.Ipv4("203.0.113.1", "203.0.113.2", 41, Frames.Ipv6("2001:db8::1", "2001:db8::2", 4, inner));
        var p = PacketDecoder.Decode(LinkType.Ipv4, tunnel, (uint)tunnel.Length);
        Assert.Equal((PacketKind.Tcp, false, 61, 30), (p.Kind, p.IsIpv6, p.HopCount, p.PayloadLength));
        Assert.Equal("192.0.2.10", Address(p));
    }

    [Fact]
    public void A_hundred_thousand_nested_IP_headers_end_the_decoding_not_the_process()
    {
        // Before the depth bound this overflowed the stack, which no handler catches: the whole batch died.
        var hostile = Frames.NestedIpv4(100_000, Segment);
        Assert.Equal(PacketKind.Other, PacketDecoder.Decode(LinkType.Raw, hostile, (uint)hostile.Length).Kind);

        // The outer header and 256 tunnelled ones are decoded (tshark decodes a few hundred levels too), not one more.
        var deepest = Frames.NestedIpv4(257, Segment);
        Assert.Equal(PacketKind.Tcp, PacketDecoder.Decode(LinkType.Raw, deepest, (uint)deepest.Length).Kind);
        var deeper = Frames.NestedIpv4(258, Segment);
        Assert.Equal(PacketKind.Other, PacketDecoder.Decode(LinkType.Raw, deeper, (uint)deeper.Length).Kind);
    }

    [Theory]
    [InlineData(LinkType.Ethernet, 10)]
    [InlineData(LinkType.LinuxSll, 15)]
    [InlineData(LinkType.LinuxSll2, 19)]
    [InlineData(LinkType.Null, 3)]
    [InlineData(LinkType.Raw, 0)]
    [InlineData(147, 100)] // a user link type the triage pass does not decode
    public void Frames_too_short_for_their_headers_or_of_other_link_types_are_other(int linkType, int length)
    {
        Assert.Equal(PacketKind.Other, PacketDecoder.Decode(linkType, new byte[length], (uint)length).Kind);
    }
}
