using System.Diagnostics;
using System.IO.Compression;
using TsharkRst.Capture;
using TsharkRst.Rows;
using TsharkRst.Tests.Capture;
using Xunit.Abstractions;

namespace TsharkRst.Tests.Reliability;

/// <summary>A seeded mutation fuzzer over the triage reader alone (<see cref="CaptureReader"/> and
/// <see cref="TriagePass"/>), thousands of mutants a run: no exception escapes, every mutant ends
/// within its timeout, and where reading stops early the damage names a byte inside the data and the
/// frame that would have come next. A failing mutant is written to a file so it can be replayed.</summary>
public class ReaderFuzzTests(ITestOutputHelper output)
{
    // A longer hunt: TSHARKRST_FUZZ_SEED=N TSHARKRST_FUZZ_MUTANTS=M (then without the time bound).
    private static readonly int Seed = Setting("TSHARKRST_FUZZ_SEED") ?? 20261122;
    private static readonly int MaxMutants = Setting("TSHARKRST_FUZZ_MUTANTS") ?? 5000;
    private static readonly TimeSpan Budget = Setting("TSHARKRST_FUZZ_MUTANTS") is null ? TimeSpan.FromSeconds(10) : TimeSpan.MaxValue;
    private static readonly TimeSpan MutantTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Mutated_captures_never_crash_or_hang_the_triage_reader_and_damage_names_byte_and_frame()
    {
        var mutations = new ReaderMutations(Seed);
        var outcomes = new Dictionary<string, int>();
        var kinds = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var count = 0;
        for (; count < MaxMutants && clock.Elapsed < Budget; count++)
        {
            var mutant = mutations.Next();
            kinds[mutant.Kind] = kinds.GetValueOrDefault(mutant.Kind) + 1;
            string outcome;
            try
            {
                // On a pool thread, so a mutant that never ends is seen as a hang instead of stalling the run.
                outcome = await Task.Run(() => Check(mutant)).WaitAsync(MutantTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"mutant {count} ({mutant.Kind}) still reading after {MutantTimeout.TotalSeconds} s: {Keep(count, mutant)}");
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"mutant {count} ({mutant.Kind}), {Keep(count, mutant)}: {ex.Message}", ex);
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        output.WriteLine($"seed {Seed}, {count} mutants in {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine("kinds: " + string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        output.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        // The wall-time bound must not make the test vacuous on a slow, shared machine.
        Assert.True(count >= 500, $"only {count} mutants in {Budget.TotalSeconds} s");
    }

    private static int? Setting(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : null;

    [Fact]
    public async Task A_capture_of_one_packet_of_a_hundred_thousand_nested_IP_headers_is_triaged_without_a_stack_overflow()
    {
        // Found reviewing the decoder while fuzzing: its IP-in-IP recursion had no bound, and a stack
        // overflow ends the process, every capture of a batch with it. A 2 MB packet, no snapshot length.
        var packet = Frames.NestedIpv4(100_000, Frames.Tcp(40000, 80, 1, 0, TcpFlags.Rst));
        var capture = CaptureFile.Pcap(LinkType.Raw, [(0, packet)], snapLength: 0);
        var index = await Task.Run(() =>
        {
            using var reader = CaptureReader.Open(new MemoryStream(capture))!;
            return TriagePass.Run(reader);
        });
        Assert.Equal((1L, 0, null), (index.Packets, index.Connections.Count, index.Damage));
    }

    /// <summary>Reads the mutant frame by frame, checking the damage against what came before it, then
    /// runs the triage pass over it and expects the same end. Returns the outcome's name.</summary>
    private static string Check(Mutant mutant)
    {
        using var reader = CaptureReader.Open(new MemoryStream(mutant.Bytes));
        if (reader is null)
            return "not a capture";
        long frames = 0, lastNumber = 0, lastOffset = -1;
        while (reader.Read(out var frame))
        {
            frames++;
            Assert.True(frame.Number > lastNumber, $"frame {frame.Number} after frame {lastNumber}");
            Assert.True(frame.Offset > lastOffset, $"frame {frame.Number} at byte {frame.Offset}, after a frame at byte {lastOffset}");
            (lastNumber, lastOffset) = (frame.Number, frame.Offset);
        }
        // Frames are numbered 1, 2, 3... as Wireshark numbers them, which counts pcapng's systemd
        // journal entries too (a block type mutated to 9 becomes one): they are frames read, not returned.
        Assert.True(lastNumber <= reader.LastFrame && frames <= reader.LastFrame, $"{frames} frames up to {lastNumber}, {reader.LastFrame} numbered");
        if (reader is not PcapngReader)
            Assert.Equal(frames, reader.LastFrame);

        var damage = reader.Damage;
        if (damage is not null)
        {
            // The offset counts decompressed bytes in a gzip file: it lies within what decompresses.
            var end = reader.Compressed ? mutant.PlainLength ?? DecompressibleLength(mutant.Bytes) : mutant.Bytes.Length;
            Assert.InRange(damage.Offset, lastOffset + 1, reader.Compressed ? end : end - 1);
            Assert.Equal(reader.LastFrame + 1, damage.Frame);
            Assert.Equal(reader.Compressed, damage.Compressed);
            Assert.StartsWith($"The capture is damaged at byte {damage.Offset}", damage.Message);
            Assert.Contains($"(frame {damage.Frame}): ", damage.Message);
            Assert.False(string.IsNullOrWhiteSpace(damage.Problem));
        }

        using var again = CaptureReader.Open(new MemoryStream(mutant.Bytes))!;
        var index = TriagePass.Run(again);
        if (index.UndecodedLinkType is not null)
            return "undecoded link type";
        Assert.Equal(frames, index.Packets);
        Assert.Equal(damage, index.Damage);
        return damage is null ? "read to the end" : "stopped at damage";
    }

    /// <summary>How many bytes a (perhaps corrupt) gzip stream gives before its data ends or breaks.</summary>
    private static long DecompressibleLength(byte[] gzip)
    {
        using var stream = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var buffer = new byte[4096];
        long total = 0;
        try
        {
            for (int read; (read = stream.Read(buffer)) > 0;)
                total += read;
        }
        catch (InvalidDataException)
        {
        }
        return total;
    }

    /// <summary>Writes a failing mutant where it can be replayed from, and names the file.</summary>
    private static string Keep(int number, Mutant mutant)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tsharkrst-reader-fuzz-{Seed}-{number}-{mutant.Kind}.bin");
        File.WriteAllBytes(path, mutant.Bytes);
        return $"bytes in {path}";
    }
}
