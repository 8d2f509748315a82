using TsharkRst.Capture;
using TsharkRst.Connections;

namespace TsharkRst.Tests.Capture;

public class CaptureReaderTests
{
    private const long Start = 1_795_000_000_123_456_789;
    private static readonly byte[] First = [1, 2, 3, 4, 5];
    private static readonly byte[] Second = [6, 7, 8];

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Pcap_reads_in_micro_and_nanoseconds_and_either_byte_order(bool nanoseconds, bool bigEndian)
    {
        var bytes = CaptureFile.Pcap(LinkType.Raw, [(Start, First), (Start + 1_500_000_000, Second)], nanoseconds, bigEndian);
        var read = ReadBack.Of(bytes);
        Assert.Null(read.Damage);
        var precision = nanoseconds ? 1 : 1000;
        Assert.Equal([1L, 2], read.Frames.Select(f => f.Number));
        Assert.Equal([Start / precision * precision, (Start + 1_500_000_000) / precision * precision], read.Frames.Select(f => f.Nanoseconds));
        Assert.Equal([24L, 24 + 16 + 5], read.Frames.Select(f => f.Offset));
        Assert.Equal([First, Second], read.Frames.Select(f => f.Data));
        Assert.All(read.Frames, f => Assert.Equal(LinkType.Raw, f.LinkType));
    }

    [Fact]
    public void The_top_bits_of_a_pcap_link_type_carry_FCS_information_not_the_type()
    {
        var bytes = CaptureFile.Pcap(LinkType.Ethernet | 0x1000_0000 | 0x0400_0000, [(Start, First)]);
        Assert.Equal(LinkType.Ethernet, Assert.Single(ReadBack.Of(bytes).Frames).LinkType);
    }

    [Fact]
    public void Pcapng_numbers_frames_across_sections_of_either_byte_order_and_several_interfaces()
    {
        var bytes = CaptureFile.Pcapng()
            .Section()
            .Interface(LinkType.Ethernet)
            .Interface(LinkType.LinuxSll, resolution: 9)
            .Block(4, [1, 0, 4, 0, 192, 0, 2, 1, 0, 0, 0, 0]) // name resolution: skipped
            .Enhanced(1, (ulong)Start, First)
            .Enhanced(0, (ulong)(Start / 1000), Second)
            .Block(5, new byte[16]) // interface statistics: skipped
            .Block(0x40000BAD, [0, 0, 0x7f, 0xff, 9, 9, 9, 9]) // custom block: skipped
            .Section(bigEndian: true)
            .Interface(LinkType.Raw, resolution: 0x80 | 20, offsetSeconds: 100)
            .Enhanced(0, 3UL << 20, First)
            .Simple(Second)
            .Bytes;
        var read = ReadBack.Of(bytes);
        Assert.Null(read.Damage);
        Assert.Equal([1L, 2, 3, 4], read.Frames.Select(f => f.Number));
        Assert.Equal([LinkType.LinuxSll, LinkType.Ethernet, LinkType.Raw, LinkType.Raw], read.Frames.Select(f => f.LinkType));
        // ns, µs, 3 seconds in units of 2^-20 plus a 100 s offset; a simple packet has no time.
        Assert.Equal([Start, Start / 1000 * 1000, 103_000_000_000, 0], read.Frames.Select(f => f.Nanoseconds));
        Assert.Equal([First, Second, First, Second], read.Frames.Select(f => f.Data));
    }

    [Fact]
    public void A_simple_packet_is_cut_to_its_interface_snapshot_length()
    {
        var bytes = CaptureFile.Pcapng().Section().Interface(LinkType.Raw, snapLength: 4).Simple(First).Bytes;
        var frame = Assert.Single(ReadBack.Of(bytes).Frames);
        Assert.Equal(First[..4], frame.Data);
        Assert.Equal(5u, frame.OriginalLength);
    }

    [Fact]
    public void The_obsolete_packet_block_is_a_frame_and_a_systemd_journal_block_takes_a_frame_number()
    {
        var bytes = CaptureFile.Pcapng().Section().Interface(LinkType.Raw)
            .Block(9, "__REALTIME_TIMESTAMP=1\n"u8.ToArray())
            .Obsolete(0, 2_000_000, First)
            .Bytes;
        var frame = Assert.Single(ReadBack.Of(bytes).Frames);
        Assert.Equal(2, frame.Number);
        Assert.Equal(2_000_000_000, frame.Nanoseconds);
    }

    [Fact]
    public void Gzip_compressed_pcap_and_pcapng_read_like_the_plain_files()
    {
        var pcap = CaptureFile.Pcap(LinkType.Raw, [(Start, First), (Start, Second)]);
        var pcapng = CaptureFile.Pcapng().Section().Interface(LinkType.Raw).Enhanced(0, 1, First).Bytes;
        foreach (var plain in new[] { pcap, pcapng })
        {
            var compressed = ReadBack.Of(CaptureFile.Gzip(plain));
            Assert.Null(compressed.Damage);
            Assert.Equal(ReadBack.Of(plain).Frames.Select(f => (f.Number, f.Offset, f.Nanoseconds, f.OriginalLength)),
                compressed.Frames.Select(f => (f.Number, f.Offset, f.Nanoseconds, f.OriginalLength)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not a capture\n")]
    [InlineData("\u001f\u008b")]
    public void Anything_but_pcap_or_pcapng_is_left_to_tshark(string text)
    {
        Assert.Null(CaptureReader.Open(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text))));
    }

    [Fact]
    public void An_empty_pcap_has_no_frame_and_no_damage()
    {
        var read = ReadBack.Of(CaptureFile.Pcap(LinkType.Ethernet, []));
        Assert.Empty(read.Frames);
        Assert.Null(read.Damage);
    }

    [Fact]
    public void The_writer_keeps_link_types_nanosecond_times_comments_and_original_frame_numbers()
    {
        var stream = new MemoryStream();
        var writer = new PcapngWriter(stream);
        writer.WritePacket(new CaptureInterface(LinkType.Ethernet, 262144), Start, First, 60, packetId: 7, comment: "first RST");
        writer.WritePacket(new CaptureInterface(LinkType.LinuxSll2, 0), Start + 1, Second, 3);
        var read = ReadBack.Of(stream.ToArray());
        Assert.Null(read.Damage);
        Assert.Equal([(1L, Start, LinkType.Ethernet, 60u), (2L, Start + 1, LinkType.LinuxSll2, 3u)],
            read.Frames.Select(f => (f.Number, f.Nanoseconds, f.LinkType, f.OriginalLength)));
        Assert.Equal([First, Second], read.Frames.Select(f => f.Data));
    }

    [Fact]
    public void A_frame_list_gives_back_every_number_it_was_given()
    {
        var list = new FrameList();
        long[] frames = [1, 2, 3, 200, 70_000, 70_001, 4_294_967_295];
        foreach (var frame in frames)
            list.Add(frame);
        Assert.Equal(frames, list.Frames());
        Assert.Equal((frames.Length, 4_294_967_295L), (list.Count, list.Last));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Add(4_294_967_295));
    }

    [Fact]
    public void A_frame_list_refuses_a_frame_past_the_last_number_tshark_gives()
    {
        // tshark numbers frames in 32 bits: a list keeps its first and last frames in 32 bits each.
        var list = new FrameList();
        list.Add(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Add(4_294_967_296));
        Assert.Equal((1, 1L), (list.Count, list.Last));
    }

    [Fact]
    public void A_frame_list_keeps_thousands_of_steps_beyond_its_inline_bytes()
    {
        var list = new FrameList();
        var frames = Enumerable.Range(0, 3000).Select(i => 7L + i * (long)i).ToArray();
        foreach (var frame in frames)
            list.Add(frame);
        Assert.Equal(frames, list.Frames());
        Assert.Equal((7L, frames[^1], 3000), (list.First, list.Last, list.Count));
        Assert.Empty(new FrameList().Frames());
    }

    [Fact]
    public void A_frame_map_turns_focused_numbers_into_original_ones_and_back()
    {
        var map = new FrameMap([5, 9, 12]);
        Assert.Equal([5L, 9, 12], new long[] { 1, 2, 3 }.Select(map.Original));
        Assert.Equal(2, map.Focused(9));
        Assert.Null(map.Focused(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Original(4));
    }

    [Fact]
    public void A_frame_set_gives_its_frames_back_rising_once_each_and_maps_them_across_empty_words()
    {
        long[] frames = [1, 63, 64, 65, 127, 128, 1000, 64_000, 64_001, 200_000];
        var set = new FrameSet();
        foreach (var frame in frames.Reverse().Concat(frames))
            set.Add(frame);
        Assert.Equal(frames, set);
        Assert.Equal(frames.Length, set.Count);
        Assert.Equal((true, false, false), (set.Contains(64_000), set.Contains(2), set.Contains(400_000)));
        var map = new FrameMap(set);
        Assert.Equal(frames, Enumerable.Range(1, frames.Length).Select(i => map.Original(i)));
        Assert.Equal(Enumerable.Range(1, frames.Length).Select(i => (long?)i), frames.Select(map.Focused));
        Assert.Equal([1L, 2, 3], FrameSet.Through(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(0));
    }
}
