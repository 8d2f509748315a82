using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TsharkRst.Rows;

namespace TsharkRst.Capture;

/// <summary>Decodes a frame's link, IP and TCP/UDP headers without allocating: Ethernet (with 802.1Q
/// and QinQ tags), Linux cooked v1 and v2, raw IP, BSD loopback; IPv4 with options, IPv6 with
/// extension headers; and the tunnels tshark opens by default (IP in IP, GRE with ERSPAN or Aruba's 802.11, VXLAN,
/// GTP-U), whose innermost headers it reads, as tshark's last occurrence of a field does. Lengths follow the IP
/// headers, as tshark's do, so Ethernet padding and snapshot cuts do not change a payload length.</summary>
public static class PacketDecoder
{
    private const int EtherTypeIpv4 = 0x0800;
    private const int EtherTypeIpv6 = 0x86DD;
    private const int ArpHardwareNetlink = 824;
    private const int EtherTypeBridged = 0x6558;
    private const int EtherTypeErspan = 0x88BE;
    private const int EtherTypeErspan3 = 0x22EB;
    private const int VxlanPort = 4789;
    private const int GtpUserPort = 2152;
    private const int WellKnownPorts = 1024;
    private const int ArubaFirst = 0x8200;
    private const int ArubaLast = 0x8320;
    private const int MaxExtensionHeaders = 16;

    /// <summary>IP in IP nests by recursion: a bound keeps a hostile packet of thousands of nested
    /// headers from overflowing the stack (tshark itself decodes a few hundred levels).</summary>
    private const int MaxTunnelDepth = 256;

    [MethodImpl(HotPath.Compilation)]
    public static DecodedPacket Decode(int linkType, ReadOnlySpan<byte> data, uint originalLength)
    {
        // Bytes the snapshot length cut off the end: IP lengths still count them.
        var cut = (int)Math.Min(Math.Max(0, (long)originalLength - data.Length), int.MaxValue / 2);
        var other = new DecodedPacket { Kind = PacketKind.Other };
        switch (linkType)
        {
            case LinkType.Ethernet:
                if (data.Length < 14)
                    return other;
                return EtherType(data, 12, 14, cut, Mac(data[6..]));
            case LinkType.LinuxSll:
                if (data.Length < 16)
                    return other;
                var sllMac = HasMac(BinaryPrimitives.ReadUInt16BigEndian(data[2..]), BinaryPrimitives.ReadUInt16BigEndian(data[4..]))
                    ? Mac(data[6..]) : (ulong?)null;
                return EtherType(data, 14, 16, cut, sllMac);
            case LinkType.LinuxSll2:
                if (data.Length < 20)
                    return other;
                var sll2Mac = HasMac(BinaryPrimitives.ReadUInt16BigEndian(data[8..]), data[11]) ? Mac(data[12..]) : (ulong?)null;
                return EtherType(data, 0, 20, cut, sll2Mac);
            case LinkType.Raw or LinkType.RawBsd12 or LinkType.RawBsd14:
                return data.Length == 0 ? other : Ip(data, 0, cut, null, data[0] >> 4);
            case LinkType.Ipv4:
                return Ip(data, 0, cut, null, 4);
            case LinkType.Ipv6:
                return Ip(data, 0, cut, null, 6);
            case LinkType.Null or LinkType.Loop:
                if (data.Length < 4)
                    return other;
                var family = linkType == LinkType.Loop ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
                // DLT_NULL is in the capturing host's byte order: a big-endian host's value looks huge here.
                if (linkType == LinkType.Null && family > 0xFFFF)
                    family = BinaryPrimitives.ReadUInt32BigEndian(data);
                return family switch
                {
                    2 => Ip(data, 4, cut, null, 4),
                    10 or 24 or 28 or 30 => Ip(data, 4, cut, null, 6),
                    _ => other,
                };
            default:
                return other;
        }
    }

    [MethodImpl(HotPath.Compilation)]
    private static DecodedPacket EtherType(ReadOnlySpan<byte> data, int typeAt, int payloadAt, int cut, ulong? mac, int depth = 0)
    {
        var type = BinaryPrimitives.ReadUInt16BigEndian(data[typeAt..]);
        // 802.1Q, 802.1ad (QinQ) and the older 0x9100 tags: 4 bytes each, the real type last.
        while (type is 0x8100 or 0x88A8 or 0x9100 && data.Length >= payloadAt + 4)
        {
            type = BinaryPrimitives.ReadUInt16BigEndian(data[(payloadAt + 2)..]);
            payloadAt += 4;
        }
        return type switch
        {
            EtherTypeIpv4 => Ip(data, payloadAt, cut, mac, 4, depth),
            EtherTypeIpv6 => Ip(data, payloadAt, cut, mac, 6, depth),
            _ => new DecodedPacket { Kind = PacketKind.Other },
        };
    }

    /// <summary>An Ethernet frame inside a tunnel: tshark's first eth.src is the outer link's, when it has one.</summary>
    private static DecodedPacket Ethernet(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int depth) =>
        data.Length - at < 14
            ? new DecodedPacket { Kind = PacketKind.Other }
            : EtherType(data, at + 12, at + 14, cut, mac ?? Mac(data[(at + 6)..]), depth);

    private static DecodedPacket Ip(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int version, int depth = 0) =>
        version switch
        {
            4 => Ipv4(data, at, cut, mac, depth),
            6 => Ipv6(data, at, cut, mac, depth),
            _ => new DecodedPacket { Kind = PacketKind.Other },
        };

    [MethodImpl(HotPath.Compilation)]
    private static DecodedPacket Ipv4(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int depth)
    {
        var other = new DecodedPacket { Kind = PacketKind.Other };
        if (data.Length - at < 20 || data[at] >> 4 != 4)
            return other;
        var headerLength = (data[at] & 0x0F) * 4;
        if (headerLength < 20 || data.Length - at < headerLength)
            return other;
        var reported = data.Length - at + cut;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
        // A total length of 0 is a segmentation-offloaded packet: its length is what was captured.
        var length = totalLength == 0 ? reported : Math.Min(totalLength, reported);
        if (length < headerLength)
            return other;
        var protocol = data[at + 9];
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 6)..]);
        if ((fragment & 0x3FFF) != 0)
            return Fragment(protocol);
        var ip = new DecodedPacket
        {
            IsIpv6 = false,
            Source = AddressBits.Ipv4(BinaryPrimitives.ReadUInt32BigEndian(data[(at + 12)..])),
            Destination = AddressBits.Ipv4(BinaryPrimitives.ReadUInt32BigEndian(data[(at + 16)..])),
            HopCount = data[at + 8],
            SourceMac = mac,
        };
        return Transport(data, at + headerLength, length - headerLength, protocol, cut, ip, depth);
    }

    [MethodImpl(HotPath.Compilation)]
    private static DecodedPacket Ipv6(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int depth)
    {
        var other = new DecodedPacket { Kind = PacketKind.Other };
        if (data.Length - at < 40 || data[at] >> 4 != 6)
            return other;
        var reported = data.Length - at - 40 + cut;
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 4)..]);
        // 0 is a jumbogram or an offloaded packet: the payload is what was captured.
        var remaining = payloadLength == 0 ? reported : Math.Min(payloadLength, reported);
        var next = data[at + 6];
        var ip = new DecodedPacket
        {
            IsIpv6 = true,
            Source = AddressBits.Ipv6(data[(at + 8)..]),
            Destination = AddressBits.Ipv6(data[(at + 24)..]),
            HopCount = data[at + 7],
            SourceMac = mac,
        };
        var position = at + 40;
        for (var i = 0; i < MaxExtensionHeaders; i++)
        {
            int length;
            switch (next)
            {
                case 0 or 43 or 60 or 135 or 139 or 140: // hop-by-hop, routing, destination, mobility, HIP, shim6
                    if (data.Length - position < 8)
                        return other;
                    length = (data[position + 1] + 1) * 8;
                    break;
                case 51: // authentication header counts in 4-byte units
                    if (data.Length - position < 8)
                        return other;
                    length = (data[position + 1] + 2) * 4;
                    break;
                case 44: // fragment
                    if (data.Length - position < 8)
                        return other;
                    var offsetAndMore = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
                    if ((offsetAndMore & 0xFFF9) != 0)
                        return Fragment(data[position]);
                    length = 8;
                    break;
                default:
                    return Transport(data, position, remaining, next, cut, ip, depth);
            }
            next = data[position];
            position += length;
            remaining -= length;
            if (remaining < 0 || position > data.Length)
                return other;
        }
        return other;
    }

    [MethodImpl(HotPath.Compilation)]
    private static DecodedPacket Transport(ReadOnlySpan<byte> data, int at, int length, int protocol, int cut, DecodedPacket ip, int depth)
    {
        switch (protocol)
        {
            case 6 when data.Length - at >= 20:
                var headerLength = (data[at + 12] >> 4) * 4;
                // A header the packet cuts short of its options is still a segment of its connection, without
                // payload, as tshark reads it ("Short segment"); a bogus length under 20 is not.
                if (headerLength < 20)
                    return new DecodedPacket { Kind = PacketKind.Other };
                return ip with
                {
                    Kind = PacketKind.Tcp,
                    SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data[at..]),
                    DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]),
                    Seq = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 4)..]),
                    Ack = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 8)..]),
                    // tshark's tcp.flags: the 12 bits after the data offset.
                    Flags = (TcpFlags)(((data[at + 12] & 0x0F) << 8) | data[at + 13]),
                    PayloadLength = Math.Max(0, length - headerLength),
                };
            case 17 when data.Length - at >= 8:
                var udp = ip with
                {
                    Kind = PacketKind.Udp,
                    SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data[at..]),
                    DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]),
                    PayloadLength = Math.Max(0, length - 8),
                };
                return depth < MaxTunnelDepth && UdpTunnel(data, at + 8, udp, cut, depth + 1) is { } inner ? inner with { Encapsulated = true } : udp;
            case 4 when depth < MaxTunnelDepth:
                return Ipv4(data, at, cut, ip.SourceMac, depth + 1);
            case 41 when depth < MaxTunnelDepth:
                return Ipv6(data, at, cut, ip.SourceMac, depth + 1);
            case 47 when depth < MaxTunnelDepth:
                return Gre(data, at, cut, ip.SourceMac, depth + 1) with { Encapsulated = true };
            // An error (unreachable, source quench, redirect, time exceeded, parameter problem; for ICMPv6 unreachable,
            // too big, time exceeded, parameter problem) quotes the IP header it answers, and what follows it.
            case 1 when data.Length - at >= 8 + 20:
                return new DecodedPacket
                {
                    Kind = PacketKind.Other,
                    HidesTcp = data[at] is 3 or 4 or 5 or 11 or 12 && data[at + 8] >> 4 == 4 && data[at + 8 + 9] == 6,
                };
            case 58 when data.Length - at >= 8 + 40:
                return new DecodedPacket
                {
                    Kind = PacketKind.Other,
                    HidesTcp = data[at] is >= 1 and <= 4 && data[at + 8] >> 4 == 6 && data[at + 8 + 6] == 6,
                };
            default:
                return new DecodedPacket { Kind = PacketKind.Other };
        }
    }

    /// <summary>A fragment of an IP datagram: kept as DNS context for UDP (a large answer), and noted for TCP, which tshark
    /// reads once the datagram is whole.</summary>
    private static DecodedPacket Fragment(int protocol) => protocol switch
    {
        17 => new DecodedPacket { Kind = PacketKind.UdpFragment },
        6 => new DecodedPacket { Kind = PacketKind.Other, HidesTcp = true },
        _ => new DecodedPacket { Kind = PacketKind.Other },
    };

    /// <summary>The packet a UDP tunnel carries, or null when the datagram is not one. tshark tries the dissector of
    /// the lower port first and the higher port's when that one declines, so a tunnel port is taken on either side,
    /// except behind a lower well-known port (below 1024), whose dissector tshark would most likely try first.</summary>
    private static DecodedPacket? UdpTunnel(ReadOnlySpan<byte> data, int at, DecodedPacket udp, int cut, int depth)
    {
        var (low, high) = (Math.Min(udp.SourcePort, udp.DestinationPort), Math.Max(udp.SourcePort, udp.DestinationPort));
        if (TunnelOn(low, data, at, udp, cut, depth) is { } inner)
            return inner;
        return low == high || (low < WellKnownPorts && low is not (VxlanPort or GtpUserPort)) ? null : TunnelOn(high, data, at, udp, cut, depth);
    }

    private static DecodedPacket? TunnelOn(int port, ReadOnlySpan<byte> data, int at, DecodedPacket udp, int cut, int depth) =>
        port switch
        {
            VxlanPort when data.Length - at >= 8 => Ethernet(data, at + 8, cut, udp.SourceMac, depth),
            GtpUserPort => GtpUser(data, at, cut, udp.SourceMac, depth),
            _ => null,
        };

    /// <summary>A GTPv1-U G-PDU's user packet (IPv4 or IPv6, by its version), past the optional fields and extension headers.</summary>
    private static DecodedPacket? GtpUser(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int depth)
    {
        if (data.Length - at < 8 || data[at] >> 5 != 1 || (data[at] & 0x10) == 0 || data[at + 1] != 0xFF)
            return null;
        var flags = data[at];
        var position = at + 8;
        if ((flags & 0x07) != 0)
        {
            if (data.Length - position < 4)
                return null;
            var next = (flags & 0x04) != 0 ? data[position + 3] : 0;
            position += 4;
            // Each extension header counts its length in 4-byte units and ends with the next one's type.
            for (var i = 0; next != 0 && i < MaxExtensionHeaders; i++)
            {
                if (data.Length - position < 4 || data[position] == 0 || data.Length - position < data[position] * 4)
                    return null;
                var length = data[position] * 4;
                next = data[position + length - 1];
                position += length;
            }
            if (next != 0)
                return null;
        }
        return data.Length - position < 1 ? null : Ip(data, position, cut, mac, data[position] >> 4, depth);
    }

    /// <summary>GRE version 0 (no source routes): IP, bridged Ethernet, and ERSPAN types I, II and III.</summary>
    private static DecodedPacket Gre(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int depth)
    {
        var other = new DecodedPacket { Kind = PacketKind.Other };
        if (data.Length - at < 4)
            return other;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        if ((flags & 0x4007) != 0)
            return other;
        var hasSequence = (flags & 0x1000) != 0;
        var position = at + 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + (hasSequence ? 4 : 0);
        if (position > data.Length)
            return other;
        return BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]) switch
        {
            EtherTypeIpv4 => Ipv4(data, position, cut, mac, depth),
            EtherTypeIpv6 => Ipv6(data, position, cut, mac, depth),
            EtherTypeBridged => Ethernet(data, position, cut, mac, depth),
            // Type I has no header of its own (and no GRE sequence number); type II's is 8 bytes.
            EtherTypeErspan when !hasSequence => Ethernet(data, position, cut, mac, depth),
            EtherTypeErspan when data.Length - position >= 8 && data[position] >> 4 == 1 => Ethernet(data, position + 8, cut, mac, depth),
            // Type III: 12 bytes, and 8 more of platform-specific data when its last bit says so.
            EtherTypeErspan3 when data.Length - position >= 12 && data[position] >> 4 == 2 =>
                Ethernet(data, position + 12 + ((data[position + 11] & 0x01) != 0 ? 8 : 0), cut, mac, depth),
            // Aruba access points tunnel their clients' 802.11 frames to the controller.
            >= ArubaFirst and <= ArubaLast and var aruba when (aruba & 0x0F) == 0 => Ieee80211(data, position, cut, mac, depth),
            _ => other,
        };
    }

    /// <summary>An 802.11 data frame that is not encrypted, its LLC/SNAP header naming IPv4 or IPv6.</summary>
    private static DecodedPacket Ieee80211(ReadOnlySpan<byte> data, int at, int cut, ulong? mac, int depth)
    {
        var other = new DecodedPacket { Kind = PacketKind.Other };
        if (data.Length - at < 24)
            return other;
        var (control, flags) = (data[at], data[at + 1]);
        // Type 2 is data; subtype bit 2 set is a frame without data (null function), flag 0x40 a protected one.
        if ((control & 0x0C) != 0x08 || (control & 0x40) != 0 || (flags & 0x40) != 0)
            return other;
        var header = 24 + ((flags & 0x03) == 0x03 ? 6 : 0);
        if ((control & 0x80) != 0)
            header += 2 + ((flags & 0x80) != 0 ? 4 : 0); // QoS control, then HT control when the order bit is set
        var llc = at + header;
        if (data.Length - llc < 8 || !data.Slice(llc, 6).SequenceEqual((ReadOnlySpan<byte>)[0xAA, 0xAA, 0x03, 0, 0, 0]))
            return other;
        return EtherType(data, llc + 6, llc + 8, cut, mac, depth);
    }

    /// <summary>tshark shows a cooked header's 6-byte address as a MAC whatever the hardware type
    /// (loopback too), except for netlink, which is not a link of its own.</summary>
    private static bool HasMac(int hardwareType, int addressLength) => addressLength == 6 && hardwareType != ArpHardwareNetlink;

    [MethodImpl(HotPath.Compilation)]
    private static ulong Mac(ReadOnlySpan<byte> bytes) =>
        (ulong)BinaryPrimitives.ReadUInt32BigEndian(bytes) << 16 | BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
}
