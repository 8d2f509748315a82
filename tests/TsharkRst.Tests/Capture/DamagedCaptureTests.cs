using TsharkRst.Capture;

namespace TsharkRst.Tests.Capture;

/// <summary>Truncated, corrupt and hostile files: the reader stops at the damage, says at which byte
/// and frame, and keeps every frame before it. Synthetic bytes built in memory.</summary>
public class DamagedCaptureTests
{
    private static readonly byte[] Packet = [0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 192, 0, 2, 1, 198, 51, 100, 1];

    /// <summary>A section, one interface and two packets: 28 + 20 + 2 × 52 = 152 bytes.</summary>
    private static CaptureFile TwoPackets() =>
        CaptureFile.Pcapng().Section().Interface(LinkType.Raw, snapLength: 100).Enhanced(0, 1, Packet).Enhanced(0, 2, Packet);

    private static void AssertStopsAt(ReadBack read, int framesBefore, long offset, string problem)
    {
        Assert.Equal(framesBefore, read.Frames.Count);
        var damage = Assert.IsType<CaptureDamage>(read.Damage);
        Assert.Equal(offset, damage.Offset);
        Assert.Equal(framesBefore + 1, damage.Frame);
        Assert.Contains(problem, damage.Message);
        Assert.StartsWith($"The capture is damaged at byte {offset}", damage.Message);
        Assert.Contains($"(frame {framesBefore + 1})", damage.Message);
    }

    [Fact]
    public void A_zero_length_block_stops_the_reader_without_a_hang()
    {
        var read = ReadBack.Of(TwoPackets().U32(6).U32(0).U32(0).Bytes);
        AssertStopsAt(read, 2, 152, "block type 6 has length 0, not a valid block length");
    }

    [Theory]
    [InlineData(13u)]
    [InlineData(8u)]
    public void A_block_length_that_is_too_short_or_not_a_multiple_of_4_is_damage(uint length)
    {
        var read = ReadBack.Of(TwoPackets().U32(6).U32(length).U32(0).U32(0).Bytes);
        AssertStopsAt(read, 2, 152, $"has length {length}");
    }

    [Fact]
    public void A_huge_block_length_is_refused_before_anything_is_allocated()
    {
        var read = ReadBack.Of(TwoPackets().U32(6).U32(0xFFFF_FFF0).U32(0).Bytes);
        AssertStopsAt(read, 2, 152, "more than the 16777216 bytes a block may have");
    }

    [Fact]
    public void A_closing_length_that_differs_from_the_opening_one_is_damage()
    {
        var bytes = TwoPackets().Bytes;
        bytes[^1] = 0x7F; // the second packet block's closing length
        AssertStopsAt(ReadBack.Of(bytes), 1, 100, "opens with length 52 but closes with");
    }

    [Fact]
    public void A_captured_length_over_the_snapshot_length_is_damage_in_pcapng_and_pcap()
    {
        var pcapng = CaptureFile.Pcapng().Section().Interface(LinkType.Raw, snapLength: 16).Enhanced(0, 1, Packet).Bytes;
        AssertStopsAt(ReadBack.Of(pcapng), 0, 48, "holds 20 bytes, more than its interface's snapshot length of 16");

        var pcap = CaptureFile.Pcap(LinkType.Raw, [(0, Packet[..16]), (0, Packet)], snapLength: 16);
        AssertStopsAt(ReadBack.Of(pcap), 1, 56, "holds 20 bytes, more than the file's snapshot length of 16");
    }

    [Fact]
    public void A_captured_length_past_the_end_of_its_block_is_damage()
    {
        var bytes = CaptureFile.Pcapng().Section().Interface(LinkType.Raw).Enhanced(0, 1, Packet, capturedLength: 400).Bytes;
        AssertStopsAt(ReadBack.Of(bytes), 0, 48, "captured length 400 runs past the end of its block");
    }

    [Fact]
    public void A_packet_on_an_interface_the_section_never_described_is_damage()
    {
        var bytes = CaptureFile.Pcapng().Section().Interface(LinkType.Raw).Enhanced(3, 1, Packet).Bytes;
        AssertStopsAt(ReadBack.Of(bytes), 0, 48, "names interface 3, but its section describes 1");
    }

    [Fact]
    public void A_pcapng_cut_in_the_middle_of_a_block_keeps_the_frames_before_it()
    {
        var bytes = TwoPackets().Bytes[..^10];
        AssertStopsAt(ReadBack.Of(bytes), 1, 100, "cut short in the middle of a block of type 6: 52 bytes announced, 42 present");
    }

    [Fact]
    public void A_pcap_cut_in_the_middle_of_a_packet_or_its_header_keeps_the_frames_before_it()
    {
        var pcap = CaptureFile.Pcap(LinkType.Raw, [(0, Packet), (0, Packet)]);
        AssertStopsAt(ReadBack.Of(pcap[..^5]), 1, 60, "cut short in the middle of a packet: 20 bytes announced, 15 present");
        AssertStopsAt(ReadBack.Of(pcap[..^30]), 1, 60, "cut short in the middle of a packet record header");
        AssertStopsAt(ReadBack.Of(pcap[..10]), 0, 0, "cut short in the middle of the file header");
    }

    [Fact]
    public void A_pcap_record_claiming_more_than_any_packet_can_have_is_damage_even_without_a_snapshot_length()
    {
        var bytes = new CaptureFile().Raw(CaptureFile.Pcap(LinkType.Raw, [], snapLength: 0)).PcapRecord(0, [], capturedLength: 0x7FFF_FFFF).Bytes;
        AssertStopsAt(ReadBack.Of(bytes), 0, 24, "more than any packet can have");
    }

    [Fact]
    public void A_gzip_stream_cut_short_stops_with_the_frames_before_it()
    {
        var plain = CaptureFile.Pcap(LinkType.Raw, Enumerable.Range(0, 2000).Select(i => ((long)i, Packet)));
        var compressed = CaptureFile.Gzip(plain);

        var cutInData = ReadBack.Of(compressed[..(compressed.Length / 2)]);
        Assert.InRange(cutInData.Frames.Count, 1, 1999);
        var damage = Assert.IsType<CaptureDamage>(cutInData.Damage);
        Assert.Equal(cutInData.Frames.Count + 1, damage.Frame);
        Assert.Contains("of its decompressed data", damage.Message);
        Assert.Contains("cut short", damage.Message);

        // Cut in the trailer: every packet is there, but the end is missing.
        var cutInTrailer = ReadBack.Of(compressed[..^3]);
        Assert.Equal(2000, cutInTrailer.Frames.Count);
        Assert.Contains("the gzip data ends before its trailer says it should", cutInTrailer.Damage!.Message);
    }

    [Fact]
    public void Several_gzip_members_are_one_capture_and_only_a_cut_last_member_is_damage()
    {
        var plain = CaptureFile.Pcap(LinkType.Raw, Enumerable.Range(0, 3000).Select(i => ((long)i, Packet)));
        // Split inside a packet, into members as `cat a.gz b.gz c.gz` makes them: the last trailer gives only the last length.
        byte[] members = [.. CaptureFile.Gzip(plain[..5000]), .. CaptureFile.Gzip(plain[5000..70000]), .. CaptureFile.Gzip(plain[70000..])];

        var whole = ReadBack.Of(members);
        Assert.Equal(3000, whole.Frames.Count);
        Assert.Null(whole.Damage);

        var cutInTrailer = ReadBack.Of(members[..^3]);
        Assert.Equal(3000, cutInTrailer.Frames.Count);
        Assert.Contains("the gzip data ends before its trailer says it should", cutInTrailer.Damage!.Message);

        var cutInLastMember = ReadBack.Of(members[..^200]);
        Assert.InRange(cutInLastMember.Frames.Count, 1, 2999);
        Assert.Contains("cut short", cutInLastMember.Damage!.Message);

        // The last member's checksum is wrong: its data is not what was compressed.
        var badChecksum = members.ToArray();
        badChecksum[^8] ^= 0xFF;
        Assert.NotNull(ReadBack.Of(badChecksum).Damage);
    }

    [Fact]
    public void Corrupt_gzip_data_is_damage_not_an_exception()
    {
        var compressed = CaptureFile.Gzip(CaptureFile.Pcap(LinkType.Raw,
            Enumerable.Range(0, 5000).Select(i => ((long)i * 7919, Packet.Select(b => (byte)(b ^ i)).ToArray()))));
        for (var i = compressed.Length / 2; i < compressed.Length - 8; i++)
            compressed[i] = 0xFF;
        var read = ReadBack.Of(compressed);
        Assert.InRange(read.Frames.Count, 1, 4999);
        Assert.Equal(read.Frames.Count + 1, Assert.IsType<CaptureDamage>(read.Damage).Frame);
    }

    [Fact]
    public void Random_corruption_of_any_byte_never_throws_and_always_ends()
    {
        var whole = CaptureFile.Pcapng().Section().Interface(LinkType.Ethernet, resolution: 9).Interface(LinkType.Raw)
            .Enhanced(0, 1, new byte[60]).Enhanced(1, 2, Packet).Simple(Packet).Enhanced(0, 3, new byte[64]).Bytes;
        var random = new Random(5);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])whole.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = random.Next(2) == 0 ? bytes : bytes[..random.Next(bytes.Length)];
            using var reader = CaptureReader.Open(new MemoryStream(cut));
            var frames = 0;
            while (reader is not null && reader.Read(out _))
                Assert.True(++frames <= 4, "more frames than blocks");
        }
    }
}
