using System.Buffers.Binary;

namespace TsharkRst.Benchmark;

/// <summary>Moves the lab client (192.0.2.10) of an Ethernet/IPv4 frame to another documentation
/// address, keeping the IP and TCP/UDP checksums right (RFC 1624 incremental update), so every
/// copy of a capture holds connections of their own.</summary>
internal static class ClientRewrite
{
    private const uint LabClient = 0xC000020A; // 192.0.2.10

    public static void Apply(Span<byte> frame, uint newClient)
    {
        if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[14] >> 4 != 4)
            return;
        var ip = frame[14..];
        var headerLength = (ip[0] & 0x0F) * 4;
        var protocol = ip[9];
        var fragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF) != 0;
        foreach (var at in new[] { 12, 16 })
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(ip[at..]) != LabClient)
                continue;
            BinaryPrimitives.WriteUInt32BigEndian(ip[at..], newClient);
            Adjust(ip, 10, LabClient, newClient);
            // The TCP and UDP checksums cover the addresses through the pseudo-header.
            var transport = ip[headerLength..];
            if (!fragment && protocol == 6 && transport.Length >= 18)
                Adjust(transport, 16, LabClient, newClient);
            else if (!fragment && protocol == 17 && transport.Length >= 8 && BinaryPrimitives.ReadUInt16BigEndian(transport[6..]) != 0)
                Adjust(transport, 6, LabClient, newClient);
        }
    }

    private static void Adjust(Span<byte> header, int checksumAt, uint oldValue, uint newValue)
    {
        // HC' = ~(~HC + ~m + m') over each 16-bit word that changed.
        uint sum = (ushort)~BinaryPrimitives.ReadUInt16BigEndian(header[checksumAt..]);
        sum += (uint)(ushort)~(oldValue >> 16) + (ushort)~(oldValue & 0xFFFF) + (newValue >> 16) + (newValue & 0xFFFF);
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(header[checksumAt..], (ushort)~sum);
    }
}
