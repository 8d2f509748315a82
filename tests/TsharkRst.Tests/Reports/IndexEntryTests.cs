using System.Text.Json;
using System.Text.Json.Nodes;
using TsharkRst.Findings;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public class IndexEntryTests
{
    /// <summary>The entry of an analysed capture whose findings.json holds <paramref name="findings"/>, read back typed.</summary>
    private static IndexEntry From(string path, string link, JsonObject? findings) =>
        new IndexEntry(path, link, IndexEntry.Analysed, null).With(findings?.Deserialize(FindingsJsonContext.Indented.FindingsFile));

    private static JsonObject Reset(int frame, string verdict, string server, JsonObject? pair = null) => new()
    {
        ["client"] = new JsonObject { ["ip"] = "192.0.2.10", ["port"] = 40000 + frame },
        ["server"] = new JsonObject { ["ip"] = server, ["port"] = 443 },
        ["rstFrame"] = frame,
        ["sentBy"] = "server",
        ["origin"] = "middlebox",
        ["verdict"] = verdict,
        ["evidence"] = new JsonArray(new JsonObject { ["frame"] = frame, ["note"] = "RST" }),
        ["pair"] = pair,
    };

    private static JsonObject Pair(bool? left, int? there, string capture = "b.pcapng") => new()
    {
        ["capture"] = capture,
        ["rstFrameThere"] = there,
        ["rstLeftSender"] = left,
    };

    [Fact]
    public void Counts_kept_and_aggregated_resets_by_verdict_and_server_without_keeping_the_resets()
    {
        var findings = new JsonObject
        {
            ["capture"] = new JsonObject { ["packets"] = 1234L },
            ["resets"] = new JsonArray(
                Reset(5, "port-closed", "198.51.100.1"),
                Reset(9, "port-closed", "198.51.100.1"),
                Reset(12, "idle-timeout", "2001:db8::1")),
            ["aggregated"] = new JsonObject
            {
                ["resets"] = 40L,
                ["verdicts"] = new JsonObject { ["port-closed"] = 30L, ["firewall-reject"] = 10L },
                ["busiestServers"] = new JsonArray(new JsonObject { ["server"] = "198.51.100.1:443", ["resets"] = 40L }),
            },
            ["patterns"] = new JsonArray(
                new JsonObject { ["kind"] = "reset-rate", ["summary"] = "not an idle timer" },
                new JsonObject { ["kind"] = "idle-timer", ["summary"] = "300 s idle timer", ["details"] = new JsonObject { ["estimatedSeconds"] = 300.5 } }),
            ["errors"] = new JsonArray("tshark warned"),
        };

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
        var resets = new JsonArray(Reset(1, "port-closed", "198.51.100.1"));
        for (var frame = 2; frame < 2 + IndexEntry.PairedRows + 5; frame++)
            resets.Add(Reset(frame, "middlebox-injection", "198.51.100.1", Pair(frame % 2 == 0, frame % 2 == 0 ? frame + 100 : null)));
        var findings = new JsonObject
        {
            ["resets"] = resets,
            ["pair"] = new JsonObject { ["capture"] = "b.pcapng", ["path"] = "/caps/b.pcapng", ["side"] = "client", ["sides"] = "long text" },
        };

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
            var resets = new JsonArray();
            for (var frame = 1; frame <= count; frame++)
                resets.Add(Reset(frame, "idle-timeout", "198.51.100.1", Pair(false, frame, Path.GetFileName(other))));
            return From(path, Path.GetFileName(path), new JsonObject
            {
                ["resets"] = resets,
                ["pair"] = new JsonObject { ["capture"] = Path.GetFileName(other), ["path"] = other, ["side"] = "server" },
            });
        }
        IReadOnlyList<IndexEntry> entries = [Paired("/caps/a.pcapng", "/caps/b.pcapng", 20), Paired("/caps/b.pcapng", "/caps/a.pcapng", 20)];

        var view = IndexView.From(BatchSummary.Of(entries), entries);

        Assert.Equal(IndexEntry.PairedRows, view.PairedResets.Count);
        Assert.Equal(40 - IndexEntry.PairedRows, view.PairedResetsNotListed);
        Assert.Equal(new IndexView.PairedResetLine("b.pcapng", "b.pcapng/report.html", "5", "server", "middlebox", "idle-timeout",
            "a.pcapng", "a.pcapng/report.html", "5", "false"), view.PairedResets[24]);
    }
}
