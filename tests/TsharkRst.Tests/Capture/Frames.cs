using System.Buffers.Binary;
using System.Net;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Capture;

/// <summary>Builds packet bytes header by header for reader and decoder tests (synthetic bytes:
/// fixtures of reset behaviour stay real recordings).</summary>
internal static class Frames
{
    public const string ClientMac = "02:00:00:00:01:10";
    public const string ServerMac = "02:00:00:00:01:01";

    public static byte[] Tcp(int sourcePort, int destinationPort, uint seq, uint ack, TcpFlags flags, int payload = 0, int optionWords = 0)
    {
        var header = 20 + optionWords * 4;
        var bytes = new byte[header + payload];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), ack);
        bytes[12] = (byte)((header / 4) << 4 | ((int)flags >> 8 & 0x0F));
        bytes[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), 64240);
        for (var i = 0; i < optionWords * 4; i++)
            bytes[20 + i] = 1; // NOP options
        for (var i = 0; i < payload; i++)
            bytes[header + i] = (byte)('a' + i % 26);
        return bytes;
    }

    public static byte[] Udp(int sourcePort, int destinationPort, byte[] payload)
    {
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)bytes.Length);
        payload.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Ipv4(string source, string destination, int protocol, byte[] payload, int ttl = 64, int optionWords = 0,
        ushort fragment = 0x4000, int? totalLength = null)
    {
        var header = 20 + optionWords * 4;
        var bytes = new byte[header + payload.Length];
        bytes[0] = (byte)(0x40 | header / 4);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)(totalLength ?? bytes.Length));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), fragment);
        bytes[8] = (byte)ttl;
        bytes[9] = (byte)protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(bytes, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(bytes, 16);
        for (var i = 0; i < optionWords * 4; i++)
            bytes[20 + i] = 1; // NOP options
        WriteIpv4Checksum(bytes, header);
        payload.CopyTo(bytes, header);
        return bytes;
    }

    /// <summary><paramref name="headers"/> IPv4 headers, each but the last announcing another (IP in IP),
    /// then <paramref name="segment"/>; total lengths 0, as offloaded packets have, so any depth fits.</summary>
    public static byte[] NestedIpv4(int headers, byte[] segment)
    {
        var tunnel = Ipv4("203.0.113.1", "203.0.113.2", 4, [], totalLength: 0);
        var last = Ipv4("192.0.2.10", "198.51.100.10", 6, [], totalLength: 0);
        var bytes = new byte[headers * 20 + segment.Length];
        for (var i = 0; i < headers - 1; i++)
            tunnel.CopyTo(bytes, i * 20);
        last.CopyTo(bytes, (headers - 1) * 20);
        segment.CopyTo(bytes, headers * 20);
        return bytes;
    }

    /// <summary>An IPv6 packet; each extension header is (its type, its 8-byte-aligned length).</summary>
    public static byte[] Ipv6(string source, string destination, int protocol, byte[] payload, int hopLimit = 64,
        params (int Type, int Length)[] extensions)
    {
        var chain = new List<byte>();
        for (var i = 0; i < extensions.Length; i++)
        {
            var next = i + 1 < extensions.Length ? extensions[i + 1].Type : protocol;
            var header = new byte[extensions[i].Length];
            header[0] = (byte)next;
            header[1] = extensions[i].Type == 44 ? (byte)0 : (byte)(extensions[i].Length / 8 - 1);
            chain.AddRange(header);
        }
        var bytes = new byte[40 + chain.Count + payload.Length];
        bytes[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)(chain.Count + payload.Length));
        bytes[6] = (byte)(extensions.Length > 0 ? extensions[0].Type : protocol);
        bytes[7] = (byte)hopLimit;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(bytes, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(bytes, 24);
        chain.ToArray().CopyTo(bytes, 40);
        payload.CopyTo(bytes, 40 + chain.Count);
        return bytes;
    }

    public static byte[] Ethernet(string sourceMac, string destinationMac, int etherType, byte[] payload, params int[] vlanTypes)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Mac(destinationMac));
        bytes.AddRange(Mac(sourceMac));
        foreach (var tagType in vlanTypes)
        {
            bytes.AddRange(BigEndian16(tagType));
            bytes.AddRange(BigEndian16(100)); // VLAN 100
        }
        bytes.AddRange(BigEndian16(etherType));
        bytes.AddRange(payload);
        // Short frames are padded to the Ethernet minimum: lengths must come from the IP header.
        while (bytes.Count < 60)
            bytes.Add(0);
        return bytes.ToArray();
    }

    public static byte[] Sll(int hardwareType, string mac, int etherType, byte[] payload)
    {
        var bytes = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, 4); // sent by us
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)hardwareType);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 6);
        Mac(mac).CopyTo(bytes, 6);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), (ushort)etherType);
        payload.CopyTo(bytes, 16);
        return bytes;
    }

    public static byte[] Sll2(int hardwareType, string mac, int etherType, byte[] payload)
    {
        var bytes = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)etherType);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 2); // interface index
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(8), (ushort)hardwareType);
        bytes[10] = 4; // sent by us
        bytes[11] = 6;
        Mac(mac).CopyTo(bytes, 12);
        payload.CopyTo(bytes, 20);
        return bytes;
    }

    /// <summary>BSD loopback: the address family as a 4-byte integer in the given byte order.</summary>
    public static byte[] Loopback(uint family, bool bigEndian, byte[] payload)
    {
        var bytes = new byte[4 + payload.Length];
        if (bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(bytes, family);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, family);
        payload.CopyTo(bytes, 4);
        return bytes;
    }

    public static byte[] Mac(string text) => text.Split(':').Select(h => Convert.ToByte(h, 16)).ToArray();

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static void WriteIpv4Checksum(byte[] bytes, int headerLength)
    {
        var sum = 0u;
        for (var i = 0; i < headerLength; i += 2)
            sum += (uint)(bytes[i] << 8 | bytes[i + 1]);
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)~sum);
    }
}
