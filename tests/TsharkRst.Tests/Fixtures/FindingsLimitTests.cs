using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Batch;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Fixtures;

/// <summary>Past --max-findings, resets are counted in findings.json's "aggregated" instead of written one by one.</summary>
public class FindingsLimitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_first_resets_by_frame_are_kept_and_the_rest_counted(bool fullDissection)
    {
        var all = (await FixtureAnalyses.AnalyzeAsync("port-scan")).Document!;
        var settings = new AnalysisSettings { MaxFindings = 5, FullDissection = fullDissection, Formats = OutputFormats.Json | OutputFormats.Markdown };
        using var output = new TemporaryFolder("tsharkrst-limit-");
        var result = (await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(
            new CaptureInput(FixtureAnalyses.CapturePath("port-scan"), "port-scan"),
            output.FullName, CancellationToken.None)).Single();
        var limited = result.Document!;

        Assert.Equal(20, all.Resets.Count);
        Assert.Equal(all.Resets.Take(5).Select(f => f.RstFrame), limited.Resets.Select(f => f.RstFrame));
        var rest = limited.Aggregated!;
        Assert.Equal(15, rest.Resets);
        Assert.Equal(all.Resets[5].RstFrame, rest.FirstRstFrame);
        Assert.Equal(all.Resets[^1].RstFrame, rest.LastRstFrame);
        Assert.Equal(new Dictionary<string, long> { ["port-closed"] = 12, ["handshake-abort"] = 3 }, rest.Verdicts);
        Assert.Equal(20, limited.ResetTotal);
        // A batch's log line counts the resets past the limit too.
        var counts = CaptureCounts.Of(limited);
        Assert.Equal((20L, 20), (counts.Resets, counts.Connections));
        Assert.Equal([("port-closed", 17L), ("handshake-abort", 3L)], counts.Verdicts);
        Assert.Equal(CaptureCounts.Of(all).Verdicts, counts.Verdicts);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(result.OutputFolder!, "findings.json")))!;
        Assert.Equal(5, json["resets"]!.AsArray().Count);
        Assert.Equal(15, (long)json["aggregated"]!["resets"]!);
        Assert.Equal(12, (long)json["aggregated"]!["verdicts"]!["port-closed"]!);
        // A scan resets one connection per port: ten servers of one reset each are listed, no more.
        Assert.Equal(Enumerable.Repeat(1L, 10), json["aggregated"]!["busiestServers"]!.AsArray().Select(s => (long)s!["resets"]!));
        var summary = File.ReadAllText(Path.Combine(result.OutputFolder!, "summary.md"));
        Assert.Contains("20 of ", summary);
        Assert.Contains("…and 15 more resets (RST frames ", summary);
    }

    [Fact]
    public async Task Without_a_limit_reached_there_is_no_aggregated_field()
    {
        var document = (await FixtureAnalyses.AnalyzeAsync("port-scan")).Document!;
        Assert.Null(document.Aggregated);
        Assert.False(FindingsJson.ToJson(document).ContainsKey("aggregated"));
    }
}

/// <summary>findings.json is written one finding at a time, byte for byte what the whole document serialises to.</summary>
public class FindingsJsonStreamingTests
{
    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Writing_finding_by_finding_gives_the_serialised_document(string scenario)
    {
        var document = (await FixtureAnalyses.AnalyzeAsync(scenario)).Document!;
        foreach (var variant in new[] { document, document with { Aggregated = new ResetAggregate(3, 10, 12, new Dictionary<string, long> { ["port-closed"] = 3 }, new Dictionary<string, long> { ["unknown"] = 3 }, [("198.51.100.1:81", 3)]) } })
        {
            var stream = new MemoryStream();
            FindingsJson.Write(variant, stream);
            Assert.Equal(FindingsJson.Serialize(variant), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}

/// <summary>The batch index counts the resets past a capture's findings limit.</summary>
public class AggregatedInIndexTests
{
    [Fact]
    public async Task Summary_json_counts_aggregated_resets_and_resets_csv_lists_the_kept_ones()
    {
        using var folders = new TemporaryFolder("tsharkrst-limit-index-");
        var input = folders.NewFolder();
        File.Copy(FixtureAnalyses.CapturePath("port-scan"), Path.Combine(input, "port-scan.pcapng"));
        var output = folders.NewFolder();
        var (exit, _, stderr) = await Cli.AnalyzeCommandTests.RunAsync("analyze", input, "-o", output, "--max-findings", "5", "-q");
        Assert.True(exit == 0, stderr);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal(20, (int)summary["totals"]!["resets"]!);
        Assert.Equal(20, (int)summary["captures"]![0]!["resets"]!);
        Assert.Equal(17, (int)summary["totals"]!["verdicts"]!["port-closed"]!);
        Assert.Equal(3, (int)summary["totals"]!["verdicts"]!["handshake-abort"]!);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(output, "resets.csv")).Length); // the header and 5 resets
    }
}
