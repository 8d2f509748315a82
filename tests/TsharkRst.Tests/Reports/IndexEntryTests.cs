using System.Text.Json.Nodes;
using TsharkRst.Findings;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public class IndexEntryTests
{
    /// <summary>The entry of an analysed capture whose findings.json holds <paramref name="findings"/>.</summary>
    private static IndexEntry From(string path, string link, FindingsFile? findings) =>
        new IndexEntry(path, link, IndexEntry.Analysed, null).With(findings);

    private static FindingsFile File(IReadOnlyList<FindingsFile.Reset> resets, long packets = 0, FindingsFile.PairBlock? pair = null,
        FindingsFile.AggregatedBlock? aggregated = null, IReadOnlyList<FindingsFile.PatternBlock>? patterns = null,
        IReadOnlyList<string>? errors = null) =>
        new("tsharkrst/findings/v1", new FindingsFile.CaptureBlock("/caps/x.pcapng", "x.pcapng", null, packets, null, null, null),
            resets, patterns ?? [], errors ?? [], pair, aggregated);

    private static FindingsFile.Reset Reset(int frame, Verdict verdict, string server, FindingsFile.ResetPairBlock? pair = null) => new(
        new FindingsFile.EndpointBlock("192.0.2.10", 40000 + frame), new FindingsFile.EndpointBlock(server, 443), frame,
        "2026-12-03T10:00:00.000000Z", 1, Side.Server, Origin.Middlebox, Phase.Response, verdict, Confidence.Medium, 0, "a summary",
        [new FindingsFile.EvidenceLine(frame, "RST")], [], null, null, "tcp.stream eq 0", "1:x", null, null, null, null, "ShAR", [], pair);

    private static FindingsFile.ResetPairBlock Pair(bool? left, int? there, string capture = "b.pcapng") => new(capture, there, left, null);

    private static FindingsFile.PairBlock PairOf(string capture, string path, Side side) =>
        new(capture, path, side, "long text", null, null, 0, 0, new Dictionary<string, int>());

    [Fact]
    public void Counts_kept_and_aggregated_resets_by_verdict_and_server_without_keeping_the_resets()
    {
        var findings = File(
            [Reset(5, Verdict.PortClosed, "198.51.100.1"), Reset(9, Verdict.PortClosed, "198.51.100.1"), Reset(12, Verdict.IdleTimeout, "2001:db8::1")],
            packets: 1234,
            aggregated: new FindingsFile.AggregatedBlock(40, 20, 90, new Dictionary<string, long> { ["port-closed"] = 30, ["firewall-reject"] = 10 },
                new Dictionary<string, long> { ["unknown"] = 40 }, [new FindingsFile.ServerCount("198.51.100.1:443", 40)]),
            patterns:
            [
                new FindingsFile.PatternBlock("reset-rate", "not an idle timer", 3, null),
                new FindingsFile.PatternBlock("idle-timer", "300 s idle timer", 3, new JsonObject { ["estimatedSeconds"] = 300.5 }),
            ],
            errors: ["tshark warned"]);

        var entry = From("/caps/a.pcapng", "a.pcapng", findings);

        Assert.Equal(1234, entry.Packets);
        Assert.Equal(43, entry.Resets);
        Assert.Equal([("port-closed", 2L), ("idle-timeout", 1L), ("port-closed", 30L), ("firewall-reject", 10L)], entry.Verdicts);
        Assert.Equal([("198.51.100.1:443", "port-closed", 2L), ("[2001:db8::1]:443", "idle-timeout", 1L), ("198.51.100.1:443", null, 40L)],
            entry.Servers);
        var timer = Assert.Single(entry.IdleTimers);
        Assert.Equal("300 s idle timer", timer.Summary);
        Assert.Equal(300.5, timer.EstimatedSeconds);
        Assert.Equal(["tshark warned"], entry.Errors);
        Assert.Null(entry.Pair);
    }

    [Fact]
    public void A_failed_capture_has_no_counts()
    {
        var entry = From("/caps/bad.pcap", "bad.pcap", null);

        Assert.Null(entry.Packets);
        Assert.Equal(0, entry.Resets);
        Assert.Empty(entry.Verdicts);
        Assert.Empty(entry.Servers);
        Assert.Null(entry.Pair);
    }

    [Fact]
    public void A_paired_capture_keeps_the_first_rows_of_its_paired_resets_and_counts_them_all()
    {
        List<FindingsFile.Reset> resets = [Reset(1, Verdict.PortClosed, "198.51.100.1")];
        for (var frame = 2; frame < 2 + IndexEntry.PairedRows + 5; frame++)
            resets.Add(Reset(frame, Verdict.MiddleboxInjection, "198.51.100.1", Pair(frame % 2 == 0, frame % 2 == 0 ? frame + 100 : null)));
        var findings = File(resets, pair: PairOf("b.pcapng", "/caps/b.pcapng", Side.Client));

        var pair = From("/caps/a.pcapng", "a.pcapng", findings).Pair!;

        Assert.Equal("b.pcapng", pair.Capture);
        Assert.Equal("/caps/b.pcapng", pair.Path);
        Assert.Equal(Side.Client, pair.Side);
        Assert.Equal([("null", 1L), ("true", 15L), ("false", 15L)], pair.RstLeftSender);
        Assert.Equal(IndexEntry.PairedRows + 5, pair.ResetCount);
        Assert.Equal(IndexEntry.PairedRows, pair.Resets.Count);
        Assert.Equal(new IndexEntry.PairedReset("2", "server", "middlebox", "middlebox-injection", "b.pcapng", "102", "true"), pair.Resets[0]);
        Assert.Equal(new IndexEntry.PairedReset("3", "server", "middlebox", "middlebox-injection", "b.pcapng", "-", "false"), pair.Resets[1]);
    }

    [Fact]
    public void The_index_lists_the_first_paired_resets_across_captures_links_the_other_capture_and_counts_the_rest()
    {
        IndexEntry Paired(string path, string other, int count)
        {
            var resets = Enumerable.Range(1, count)
                .Select(frame => Reset(frame, Verdict.IdleTimeout, "198.51.100.1", Pair(false, frame, Path.GetFileName(other)))).ToList();
            return From(path, Path.GetFileName(path), File(resets, pair: PairOf(Path.GetFileName(other), other, Side.Server)));
        }
        IReadOnlyList<IndexEntry> entries = [Paired("/caps/a.pcapng", "/caps/b.pcapng", 20), Paired("/caps/b.pcapng", "/caps/a.pcapng", 20)];

        var view = IndexView.From(BatchSummary.Of(entries), entries);

        Assert.Equal(IndexEntry.PairedRows, view.PairedResets.Count);
        Assert.Equal(40 - IndexEntry.PairedRows, view.PairedResetsNotListed);
        Assert.Equal(new IndexView.PairedResetLine("b.pcapng", "b.pcapng/report.html", "5", "server", "middlebox", "idle-timeout",
            "a.pcapng", "a.pcapng/report.html", "5", "false"), view.PairedResets[24]);
    }
}
