using TsharkRst.Capture;

namespace TsharkRst.Benchmark;

/// <summary>replicate INPUT OUTPUT COPIES: copy k of every packet moves the lab client 192.0.2.10 to
/// 192.0.2.(10+k) and starts k × (the capture's span + 1 s) later; the copies follow one another.</summary>
internal static class Replication
{
    public static int Run(string input, string outputPath, int copies)
    {
        long first = long.MaxValue, last = long.MinValue;
        using (var reader = CaptureReader.Open(input) ?? throw new InvalidOperationException($"{input} is not pcap or pcapng"))
        {
            while (reader.Read(out var frame))
                (first, last) = (Math.Min(first, frame.Nanoseconds), Math.Max(last, frame.Nanoseconds));
        }
        var shift = last - first + 1_000_000_000;

        using var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new PcapngWriter(output);
        var buffer = new byte[1 << 16];
        for (var copy = 0; copy < copies; copy++)
        {
            using var reader = CaptureReader.Open(input)!;
            while (reader.Read(out var frame))
            {
                if (frame.Data.Length > buffer.Length)
                    buffer = new byte[frame.Data.Length];
                var data = buffer.AsSpan(0, frame.Data.Length);
                frame.Data.CopyTo(data);
                ClientRewrite.Apply(data, 0xC000020Au + (uint)copy);
                writer.WritePacket(frame.Interface, frame.Nanoseconds + copy * shift, data, frame.OriginalLength);
            }
        }
        Console.WriteLine($"{outputPath}: {writer.PacketsWritten} packets in {copies} copies");
        return 0;
    }
}
