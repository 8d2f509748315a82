using TsharkRst.Rows;

namespace TsharkRst.Tests.Rows;

public class InfoFramesTests
{
    [Theory]
    [InlineData("[TCP Dup ACK 18#1] 34962 → 1024 [ACK] Seq=86 Ack=1", "[TCP Dup ACK 118#1] 34962 → 1024 [ACK] Seq=86 Ack=1")]
    [InlineData("[TCP Dup ACK 3#12] [TCP Retransmission] 80 → 40000", "[TCP Dup ACK 103#12] [TCP Retransmission] 80 → 40000")]
    // Application text that only looks like it is left as it is.
    [InlineData("Standard query 0x1a2b A Dup ACK 7#1.example", "Standard query 0x1a2b A Dup ACK 7#1.example")]
    // A number the focused capture does not have stays tshark's.
    [InlineData("[TCP Dup ACK 900#1] 80 → 40000", "[TCP Dup ACK 900#1] 80 → 40000")]
    [InlineData("Echo (ping) reply    id=0x0002, seq=1/256, ttl=113 (request in 28)", "Echo (ping) reply    id=0x0002, seq=1/256, ttl=113 (request in 128)")]
    [InlineData("Echo (ping) request  id=0x0002, seq=1/256, ttl=64 (reply in 29)", "Echo (ping) request  id=0x0002, seq=1/256, ttl=64 (reply in 129)")]
    [InlineData("Fragmented IP protocol (proto=UDP 17, off=0, ID=3039) [Reassembled in #7]",
        "Fragmented IP protocol (proto=UDP 17, off=0, ID=3039) [Reassembled in #107]")]
    [InlineData("Standard query 0x1a2b TXT request in 7.example", "Standard query 0x1a2b TXT request in 7.example")]
    public void A_frame_tshark_names_is_the_original_frame(string info, string expected)
    {
        static long Original(long frame) => frame <= 100 ? frame + 100 : throw new ArgumentOutOfRangeException(nameof(frame));

        Assert.Equal(expected, InfoFrames.Renumbered(info, Original));
    }
}
