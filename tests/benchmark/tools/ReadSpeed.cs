using System.Diagnostics;
using System.Globalization;
using TsharkRst.Capture;

namespace TsharkRst.Benchmark;

/// <summary>read-speed FILE: MB/s of reading every packet (and decoding its headers) with the managed
/// reader and with libpcap through P/Invoke, and of the whole triage pass. Best of three runs each,
/// so the file is in the page cache for all of them.</summary>
internal static class ReadSpeed
{
    public static int Run(string path)
    {
        var megabytes = new FileInfo(path).Length / 1e6;
        void Report(string what, Func<long> run)
        {
            var best = TimeSpan.MaxValue;
            long packets = 0;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                packets = run();
                best = watch.Elapsed < best ? watch.Elapsed : best;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what,-44} {packets,10:N0} packets {best.TotalSeconds,7:F3} s {megabytes / best.TotalSeconds,8:F0} MB/s"));
        }

        var tcp = 0L;
        void Decode(int linkType, ReadOnlySpan<byte> data, uint length)
        {
            if (PacketDecoder.Decode(linkType, data, length).Kind == PacketKind.Tcp)
                tcp++;
        }

        Report("managed reader, frames only", () => Managed(path, null));
        Report("managed reader + header decoding", () => Managed(path, Decode));
        try
        {
            Report("libpcap (P/Invoke), frames only", () => LibpcapReader.ReadAll(path, (_, _, _) => { }));
            Report("libpcap (P/Invoke) + header decoding", () => LibpcapReader.ReadAll(path, Decode));
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException)
        {
            Console.WriteLine($"libpcap: not measured ({ex.Message})");
        }
        Report("triage pass (index, profiles, histories)", () => TriagePass.Run(path)!.Packets);
        return 0;
    }

    private delegate void PacketHandler(int linkType, ReadOnlySpan<byte> data, uint length);

    private static long Managed(string path, PacketHandler? onPacket)
    {
        using var reader = CaptureReader.Open(path)!;
        long packets = 0;
        while (reader.Read(out var frame))
        {
            onPacket?.Invoke(frame.Interface.LinkType, frame.Data, frame.OriginalLength);
            packets++;
        }
        return packets;
    }
}
