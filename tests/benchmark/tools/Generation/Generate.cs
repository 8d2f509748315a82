using System.Globalization;

namespace TsharkRst.Benchmark.Generation;

/// <summary>generate KIND OUTPUT: writes one of the synthetic resource-bound captures
/// (<see cref="MillionRsts"/>, <see cref="ManyConnections"/>) as a pcap, streaming, in constant memory.
/// The same seed always gives the same file.</summary>
internal static class Generate
{
    public const string Kinds = "million-rsts | many-connections";

    private const int Seed = 20261121;

    /// <summary>2026-11-21T09:00:00Z, in nanoseconds since 1970.</summary>
    private static readonly long Start = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    public static int Run(string kind, string output)
    {
        var random = new Random(Seed);
        var (scripts, connections) = kind switch
        {
            "million-rsts" => (MillionRsts.Scripts(Start, random), MillionRsts.Connections),
            "many-connections" => (ManyConnections.Scripts(Start, random), ManyConnections.Connections),
            _ => (null, 0),
        };
        if (scripts is null)
        {
            Console.Error.WriteLine($"trst-bench generate: unknown kind {kind} (one of {Kinds})");
            return 2;
        }

        var frame = new byte[1 << 16];
        long resets = 0, last = long.MinValue;
        using (var file = new PcapFile(output))
        {
            foreach (var segment in Timeline.Merge(scripts))
            {
                if (segment.Nanoseconds < last)
                    throw new InvalidOperationException($"packet {file.Packets + 1} goes back in time");
                last = segment.Nanoseconds;
                file.Write(segment.Nanoseconds, frame.AsSpan(0, FrameBuilder.Write(segment, frame)));
                if (segment.IsRst)
                    resets++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{output}: {file.Packets} packets, {resets} RSTs, {connections} connections, {file.Bytes / 1e6:F1} MB"));
        }
        return 0;
    }
}
