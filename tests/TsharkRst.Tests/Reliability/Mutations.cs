namespace TsharkRst.Tests.Reliability;

/// <summary>Seeded mutations of real captures: flipped bytes, cuts, splices of two captures,
/// zeroed and repeated ranges. The same seed gives the same files, so a failure can be replayed.</summary>
internal sealed class Mutations(int seed)
{
    private readonly Random _random = new(seed);

    public static IReadOnlyList<byte[]> Sources { get; } = Directory.GetFiles(Repository.Captures)
        .Where(f => f.EndsWith(".pcapng", StringComparison.Ordinal) || f.EndsWith(".pcap", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllBytes)
        .ToList();

    public (string Kind, byte[] Bytes) Next() => Mutate(Sources[_random.Next(Sources.Count)]);

    /// <summary>One mutation of <paramref name="source"/> (a splice takes its second half from <see cref="Sources"/>).</summary>
    public (string Kind, byte[] Bytes) Mutate(byte[] source)
    {
        switch (_random.Next(5))
        {
            case 0:
                var flipped = (byte[])source.Clone();
                for (var i = _random.Next(1, 9); i > 0; i--)
                    flipped[_random.Next(flipped.Length)] ^= (byte)(1 << _random.Next(8));
                return ("flip", flipped);
            case 1:
                return ("cut", source[.._random.Next(1, source.Length)]);
            case 2:
                var other = Sources[_random.Next(Sources.Count)];
                return ("splice", [.. source[.._random.Next(1, source.Length)], .. other[_random.Next(other.Length)..]]);
            case 3:
                var zeroed = (byte[])source.Clone();
                var start = _random.Next(zeroed.Length);
                Array.Clear(zeroed, start, Math.Min(zeroed.Length - start, _random.Next(1, 64)));
                return ("zero", zeroed);
            default:
                var at = _random.Next(source.Length);
                var length = Math.Min(source.Length - at, _random.Next(1, 200));
                return ("repeat", [.. source[..(at + length)], .. source[at..]]);
        }
    }
}
