using TsharkRst.Analysis;

namespace TsharkRst.Tests.Pairing;

/// <summary>When a capture stopped and what it dropped, as dumpcap records it at the end of a pcapng.</summary>
public class CaptureStatisticsTests
{
    [Fact]
    public async Task A_dumpcap_pcapng_says_it_ran_on_after_its_last_packet_and_dropped_nothing()
    {
        var capture = PairFixtures.Capture("idle-timeout", "server");
        var document = (await PairFixtures.AnalyzeAsync(PairFixtures.Capture("idle-timeout", "client"), capture))[1].Document!;
        var statistics = CaptureStatistics.Read(capture, document.Capture.First)!;
        // The server saw nothing after the idle connection's answer, but the lab stopped it only after the RST, 9 s later.
        Assert.InRange((statistics.StoppedAt!.Value - document.Capture.Last!.Value).TotalSeconds, 9, 15);
        Assert.Equal(0, statistics.Dropped);
    }

    [Theory]
    [InlineData("http-request-rst-nsec.pcap")]
    [InlineData("data-after-fin-gz.pcap.gz")]
    public void Pcap_and_compressed_captures_record_nothing_readable(string file) =>
        Assert.Null(CaptureStatistics.Read(Path.Combine(Repository.Captures, file), DateTimeOffset.UnixEpoch));
}
