using System.Buffers.Binary;

namespace TsharkRst.Benchmark.Generation;

/// <summary>The Internet checksum (RFC 1071): 16-bit words summed in ones' complement.</summary>
internal static class Checksum
{
    public static uint Add(ReadOnlySpan<byte> bytes, uint sum)
    {
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        if (i < bytes.Length)
            sum += (uint)bytes[i] << 8;
        // Folded as it goes, so a long payload cannot overflow the 32-bit sum.
        return (sum & 0xFFFF) + (sum >> 16);
    }

    public static ushort Finish(uint sum)
    {
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
