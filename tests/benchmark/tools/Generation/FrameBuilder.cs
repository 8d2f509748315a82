using System.Buffers.Binary;

namespace TsharkRst.Benchmark.Generation;

/// <summary>Lays a <see cref="Segment"/> out as an Ethernet frame: IPv4 (DF, header checksum) or IPv6,
/// then TCP with its options, checksum and payload, padded to Ethernet's 60-byte minimum.</summary>
internal static class FrameBuilder
{
    private const int EthernetLength = 14;
    private const int MinimumFrame = 60;

    public static int Write(in Segment s, Span<byte> frame)
    {
        var ipv6 = s.Source.IsIpv6;
        WriteMac(frame, s.Destination.Mac);
        WriteMac(frame[6..], s.SourceMac);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);

        var ipLength = ipv6 ? 40 : 20;
        var tcp = frame[(EthernetLength + ipLength)..];
        var tcpLength = WriteTcp(s, tcp);
        var ip = frame.Slice(EthernetLength, ipLength);
        if (ipv6)
            WriteIpv6(s, ip, tcpLength);
        else
            WriteIpv4(s, ip, tcpLength);
        var pseudo = Checksum.Add(s.Source.Address, Checksum.Add(s.Destination.Address, 6u + (uint)tcpLength));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum.Finish(Checksum.Add(tcp[..tcpLength], pseudo)));

        var length = EthernetLength + ipLength + tcpLength;
        if (length >= MinimumFrame)
            return length;
        frame[length..MinimumFrame].Clear();
        return MinimumFrame;
    }

    private static int WriteTcp(in Segment s, Span<byte> tcp)
    {
        var optionsLength = s.Options switch
        {
            SegmentOptions.Syn => 20,
            SegmentOptions.ScannerSyn => 4,
            SegmentOptions.Timestamps => 12,
            _ => 0,
        };
        var headerLength = 20 + optionsLength;
        BinaryPrimitives.WriteUInt16BigEndian(tcp, s.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], s.DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], s.Seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], s.Ack);
        tcp[12] = (byte)(headerLength / 4 << 4);
        tcp[13] = (byte)s.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], s.Window);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[16..], 0); // checksum (filled in last) and urgent pointer
        var options = tcp[20..headerLength];
        switch (s.Options)
        {
            case SegmentOptions.Syn:
                // MSS 1460, SACK permitted, timestamps, NOP, window scale 7: Linux's SYN options.
                ReadOnlySpan<byte> head = [2, 4, 0x05, 0xB4, 4, 2, 8, 10];
                head.CopyTo(options);
                BinaryPrimitives.WriteUInt32BigEndian(options[8..], s.TsVal);
                BinaryPrimitives.WriteUInt32BigEndian(options[12..], s.TsEcr);
                ReadOnlySpan<byte> tail = [1, 3, 3, 7];
                tail.CopyTo(options[16..]);
                break;
            case SegmentOptions.ScannerSyn:
                ReadOnlySpan<byte> mss = [2, 4, 0x05, 0xB4];
                mss.CopyTo(options);
                break;
            case SegmentOptions.Timestamps:
                ReadOnlySpan<byte> timestamps = [1, 1, 8, 10];
                timestamps.CopyTo(options);
                BinaryPrimitives.WriteUInt32BigEndian(options[4..], s.TsVal);
                BinaryPrimitives.WriteUInt32BigEndian(options[8..], s.TsEcr);
                break;
        }
        s.Payload.Span.CopyTo(tcp[headerLength..]);
        return headerLength + s.Payload.Length;
    }

    private static void WriteIpv4(in Segment s, Span<byte> ip, int tcpLength)
    {
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + tcpLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], s.IpId);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = s.Ttl;
        ip[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        s.Source.Address.CopyTo(ip[12..]);
        s.Destination.Address.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum.Finish(Checksum.Add(ip, 0)));
    }

    private static void WriteIpv6(in Segment s, Span<byte> ip, int tcpLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)tcpLength);
        ip[6] = 6;
        ip[7] = s.Ttl;
        s.Source.Address.CopyTo(ip[8..]);
        s.Destination.Address.CopyTo(ip[24..]);
    }

    private static void WriteMac(Span<byte> at, ulong mac)
    {
        BinaryPrimitives.WriteUInt32BigEndian(at, (uint)(mac >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(at[4..], (ushort)mac);
    }
}
