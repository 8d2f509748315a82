using TsharkRst.Capture;
using TsharkRst.Rows;

namespace TsharkRst.Tests.Capture;

/// <summary>Copying a few frames of a big capture jumps to the triage pass's resume points instead of
/// reading everything again, and copies exactly what a full read would.</summary>
public sealed class ResumePointTests
{
    private const long Start = 1_700_000_000_000_000_000;

    // 2,000 frames: one packet each of 2,000 connections, so any frame can be asked for alone.
    private static byte[] Packet(int i) => Frames.Ethernet("02:00:00:00:00:01", "02:00:00:00:00:02", 0x0800,
        Frames.Ipv4("192.0.2.1", "198.51.100.1", 6, Frames.Tcp(40_000 + i % 20_000, 443, (uint)i, 0, TcpFlags.Syn)));

    private static readonly byte[] Pcapng = Build();

    private static byte[] Build()
    {
        var file = CaptureFile.Pcapng().Section().Interface(LinkType.Ethernet, resolution: 9);
        for (var i = 0; i < 2000; i++)
            file.Enhanced(0, (ulong)(Start + i * 1000L), Packet(i));
        return file.Bytes;
    }

    private static readonly byte[] Pcap = CaptureFile.Pcap(LinkType.Ethernet, Enumerable.Range(0, 2000).Select(i => (Start + i * 1000L, Packet(i))));

    public static TheoryData<string> Formats => new() { "pcapng", "pcap" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_triage_pass_marks_every_256th_frame_where_its_record_starts(string format)
    {
        var bytes = format == "pcap" ? Pcap : Pcapng;
        var index = TriagePass.Run(CaptureReader.Open(new MemoryStream(bytes))!);
        var offsets = ReadBack.Of(bytes).Frames.ToDictionary(f => f.Number, f => f.Offset);
        Assert.Equal([256L, 512, 768, 1024, 1280, 1536, 1792], index.ResumePoints.Select(p => p.Frame));
        Assert.All(index.ResumePoints, p => Assert.Equal(offsets[p.Frame], p.Offset));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Copying_with_resume_points_gives_the_frames_a_full_read_gives(string format)
    {
        var bytes = format == "pcap" ? Pcap : Pcapng;
        var points = TriagePass.Run(CaptureReader.Open(new MemoryStream(bytes))!).ResumePoints;
        long[] wanted = [3, 255, 256, 700, 701, 1500, 1999, 2000];

        var jumped = Copy(bytes, wanted, points, out var jumps);
        var full = Copy(bytes, wanted, [], out var noJumps);

        Assert.Equal(full, jumped);
        Assert.Equal(wanted, ReadBack.Of(jumped).Frames.Select(f => f.Data).Select(FrameNumberOf));
        Assert.Empty(noJumps);
        // 3, 255 and 256 are read in order; 700 from 512, 1500 from 1280, 1999 from 1792.
        var offsets = ReadBack.Of(bytes).Frames.ToDictionary(f => f.Number, f => f.Offset);
        Assert.Equal([offsets[512], offsets[1280], offsets[1792]], jumps);
    }

    [Fact]
    public void A_gzip_capture_cannot_jump_and_is_read_in_order()
    {
        var gzip = CaptureFile.Gzip(Pcapng);
        using var reader = CaptureReader.Open(new MemoryStream(gzip))!;
        Assert.False(reader.CanResume);
        Assert.Empty(TriagePass.Run(CaptureReader.Open(new MemoryStream(gzip))!).ResumePoints);
    }

    [Fact]
    public void A_point_from_another_layout_or_behind_the_reader_is_refused()
    {
        using var reader = CaptureReader.Open(new MemoryStream(Pcapng))!;
        var points = TriagePass.Run(CaptureReader.Open(new MemoryStream(Pcapng))!).ResumePoints;
        Assert.False(reader.ResumeAt(points[0])); // nothing read yet: the section and interface are unknown
        Assert.True(reader.Read(out _));
        Assert.False(reader.ResumeAt(points[0] with { Layout = points[0].Layout + 1 }));
        Assert.True(reader.ResumeAt(points[1]));
        Assert.True(reader.Read(out var frame));
        Assert.Equal(512, frame.Number);
        Assert.False(reader.ResumeAt(points[0]));
    }

    /// <summary>The sequence number each test packet carries is its index: frame number − 1.</summary>
    private static long FrameNumberOf(byte[] data) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(14 + 20 + 4)) + 1;

    private static byte[] Copy(byte[] bytes, long[] wanted, IReadOnlyList<ResumePoint> points, out List<long> jumps)
    {
        var output = new MemoryStream();
        var watched = new JumpWatchingStream(bytes);
        using var reader = CaptureReader.Open(watched)!;
        watched.Jumps.Clear(); // opening rewinds to the start
        CaptureExtract.Copy(reader, wanted, new PcapngWriter(output), frame => new PacketNote(frame), resumePoints: points);
        jumps = watched.Jumps;
        return output.ToArray();
    }

    /// <summary>Remembers every position it is moved to.</summary>
    private sealed class JumpWatchingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public List<long> Jumps { get; } = [];

        public override long Position
        {
            get => base.Position;
            set
            {
                Jumps.Add(value);
                base.Position = value;
            }
        }
    }
}
