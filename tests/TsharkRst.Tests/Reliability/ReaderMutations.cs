using System.Buffers.Binary;
using System.IO.Compression;
using TsharkRst.Tests.Capture;

namespace TsharkRst.Tests.Reliability;

/// <summary>One mutated capture; <see cref="PlainLength"/> is the length of its bytes before gzip
/// compression when the gzip itself is intact, null otherwise.</summary>
internal sealed record Mutant(string Kind, byte[] Bytes, int? PlainLength);

/// <summary>Seeded mutants for the reader alone: the blind mutations of <see cref="Mutations"/>,
/// corrupted header fields (block lengths and captured lengths above all), blocks resized with both
/// their lengths kept equal, and the gzip forms: a mutant compressed whole, or a compressed capture
/// whose compressed bytes are mutated. The same seed gives the same mutants.</summary>
internal sealed class ReaderMutations(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Mutations _blind = new(seed);

    private static IReadOnlyList<byte[]> Compressed { get; } = Directory.GetFiles(Repository.Captures, "*.gz")
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllBytes)
        .ToList();

    /// <summary>Every plain pcap and pcapng fixture, and the gzip ones decompressed.</summary>
    private static IReadOnlyList<byte[]> Plain { get; } = [.. Mutations.Sources, .. Compressed.Select(Decompress)];

    public Mutant Next()
    {
        var roll = _random.Next(20);
        if (roll == 0)
            return MutatedGzip();
        var source = Plain[_random.Next(Plain.Count)];
        var (kind, bytes) = roll switch
        {
            < 8 => _blind.Mutate(source),
            < 11 => Resized(source),
            _ => Corrupted(source),
        };
        // A quarter go through gzip whole, so damage is met through the decompressing path too.
        return _random.Next(4) == 0 ? new Mutant(kind + "+gzip", CaptureFile.Gzip(bytes), bytes.Length) : new Mutant(kind, bytes, null);
    }

    /// <summary>One header field set to a value chosen to break the reader's length checks.</summary>
    private (string Kind, byte[] Bytes) Corrupted(byte[] source)
    {
        var fields = HeaderFields.Of(source);
        var lengths = fields.Where(f => f.IsLength).ToList();
        var pool = lengths.Count > 0 && _random.Next(4) > 0 ? lengths : fields;
        if (pool.Count == 0)
            return _blind.Mutate(source);
        var field = pool[_random.Next(pool.Count)];
        var bytes = (byte[])source.Clone();
        Write(bytes, field, NastyValue(Read(bytes, field), field, bytes.Length));
        return (field.IsLength ? "length" : "field", bytes);
    }

    /// <summary>A pcapng block given another length at both of its ends, so the closing check passes
    /// and what follows is read out of step.</summary>
    private (string Kind, byte[] Bytes) Resized(byte[] source)
    {
        var blocks = HeaderFields.Of(source).Where(f => f.Name.EndsWith(" length", StringComparison.Ordinal)
            && f.Name.StartsWith("block ", StringComparison.Ordinal) && !f.Name.Contains("closing", StringComparison.Ordinal)).ToList();
        if (blocks.Count == 0)
            return Corrupted(source);
        var field = blocks[_random.Next(blocks.Count)];
        var start = field.Offset - 4;
        var room = (source.Length - start) / 4;
        var length = (uint)(4 * _random.Next(Math.Min(3, room), room + 1));
        var bytes = (byte[])source.Clone();
        Write(bytes, field, length);
        if (length >= 12)
            Write(bytes, field with { Offset = start + (int)length - 4 }, length);
        return ("resize", bytes);
    }

    /// <summary>A gzip fixture with its compressed bytes flipped, zeroed or cut (the trailer included).</summary>
    private Mutant MutatedGzip()
    {
        var bytes = (byte[])Compressed[_random.Next(Compressed.Count)].Clone();
        switch (_random.Next(3))
        {
            case 0:
                for (var i = _random.Next(1, 5); i > 0; i--)
                    bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                return new Mutant("gzip-flip", bytes, null);
            case 1:
                var start = _random.Next(bytes.Length);
                Array.Clear(bytes, start, Math.Min(bytes.Length - start, _random.Next(1, 32)));
                return new Mutant("gzip-zero", bytes, null);
            default:
                return new Mutant("gzip-cut", bytes[.._random.Next(1, bytes.Length)], null);
        }
    }

    private uint NastyValue(uint original, HeaderFields.Field field, int fileLength)
    {
        uint[] values =
        [
            0, 1, 4, 8, 11, 12, 13, 16, 20, 28, 32,
            original - 1, original + 1, original - 4, original + 4, original * 2, original / 2,
            (uint)fileLength, (uint)(fileLength - field.Offset), (uint)(fileLength - field.Offset + 4),
            0xFFFF, 0x1_0000, 16 << 20, (16 << 20) + 4, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFC, 0xFFFF_FFFF,
            (uint)_random.NextInt64(0, 1L << 32),
        ];
        return values[_random.Next(values.Length)];
    }

    private static uint Read(byte[] bytes, HeaderFields.Field f) => (f.Width, f.BigEndian) switch
    {
        (2, true) => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(f.Offset)),
        (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(f.Offset)),
        (_, true) => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(f.Offset)),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(f.Offset)),
    };

    private static void Write(byte[] bytes, HeaderFields.Field f, uint value)
    {
        var span = bytes.AsSpan(f.Offset);
        switch (f.Width, f.BigEndian)
        {
            case (2, true):
                BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value);
                break;
            case (2, false):
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
                break;
            case (_, true):
                BinaryPrimitives.WriteUInt32BigEndian(span, value);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(span, value);
                break;
        }
    }

    private static byte[] Decompress(byte[] gzip)
    {
        using var stream = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var plain = new MemoryStream();
        stream.CopyTo(plain);
        return plain.ToArray();
    }
}
