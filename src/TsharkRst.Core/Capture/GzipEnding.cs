using System.Buffers.Binary;
using System.IO.Compression;

namespace TsharkRst.Capture;

/// <summary>Tells a gzip file cut short from one made of several members (<c>cat a.gz b.gz</c>, bgzip). Both
/// decompress to a length other than the one the file's last trailer gives, and .NET's decompression ends
/// quietly in both; only the second ends with a member whose data has that trailer's length and CRC-32.</summary>
internal static class GzipEnding
{
    private const int Window = 1 << 16;
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>Whether the file ends with a whole member. Member starts are looked for from the end, by their
    /// header, and each is decompressed up to the end of its own deflate data, so no byte is decompressed twice
    /// for real members. The member at the start of the file is not tried: reading the whole file already
    /// told its length. A last member of 4 GiB or more is not recognised.</summary>
    public static bool EndsWithWholeMember(Stream file)
    {
        if (file.Length < 18)
            return false;
        Span<byte> trailer = stackalloc byte[8];
        file.Position = file.Length - 8;
        file.ReadExactly(trailer);
        var (crc, length) = (BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));

        var buffer = new byte[Window + 3];
        var data = new byte[Window];
        for (var end = file.Length - 8; end > 1;)
        {
            var start = Math.Max(1, end - Window);
            var count = (int)(Math.Min(end + 3, file.Length) - start);
            file.Position = start;
            file.ReadExactly(buffer, 0, count);
            for (var i = (int)(end - start) - 1; i >= 0; i--)
            {
                if (i + 3 < count && IsMemberHeader(buffer.AsSpan(i, 4)) && MemberHas(file, start + i, crc, length, data))
                    return true;
            }
            end = start;
        }
        return false;
    }

    /// <summary>ID1 ID2, deflate, and flags with the reserved bits clear (RFC 1952, 2.3).</summary>
    private static bool IsMemberHeader(ReadOnlySpan<byte> head) =>
        head[0] == 0x1f && head[1] == 0x8b && head[2] == 8 && (head[3] & 0xe0) == 0;

    /// <summary>Whether the member at <paramref name="offset"/> decompresses to data of the given CRC-32 and length.</summary>
    private static bool MemberHas(Stream file, long offset, uint crc, uint length, byte[] data)
    {
        try
        {
            file.Position = offset;
            SkipHeader(file);
            using var deflate = new DeflateStream(file, CompressionMode.Decompress, leaveOpen: true);
            var sum = uint.MaxValue;
            long total = 0;
            int read;
            while ((read = deflate.Read(data)) > 0)
            {
                total += read;
                if (total > length)
                    return false;
                foreach (var b in data.AsSpan(0, read))
                    sum = CrcTable[(sum ^ b) & 0xff] ^ (sum >> 8);
            }
            return total == length && ~sum == crc;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>Reads past the fixed header and the optional fields its flags announce.</summary>
    private static void SkipHeader(Stream file)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        file.ReadExactly(fixedPart);
        var flags = fixedPart[3];
        if ((flags & 4) != 0)
        {
            Span<byte> extraLength = stackalloc byte[2];
            file.ReadExactly(extraLength);
            file.Position += BinaryPrimitives.ReadUInt16LittleEndian(extraLength);
        }
        for (var bit = 8; bit <= 16; bit <<= 1)
        {
            // A file name, then a comment: each ends with a zero byte.
            if ((flags & bit) != 0)
            {
                int b;
                while ((b = file.ReadByte()) > 0)
                {
                }
                if (b < 0)
                    throw new EndOfStreamException();
            }
        }
        if ((flags & 2) != 0)
            file.Position += 2;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
