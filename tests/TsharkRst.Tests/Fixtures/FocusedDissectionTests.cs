using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Fixtures;

/// <summary>tshark over the reset connections and DNS only gives the same findings as tshark over
/// every packet, numbered as in the original capture.</summary>
public class FocusedDissectionTests
{
    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Both_modes_give_identical_resets_patterns_capture_counts_and_connections(string scenario)
    {
        var focused = (await FixtureAnalyses.AnalyzeAsync(scenario)).Document!;
        var full = (await FixtureAnalyses.AnalyzeFullAsync(scenario)).Document!;

        Assert.Equal(FindingsJson.ToJson(full)["resets"]!.ToJsonString(), FindingsJson.ToJson(focused)["resets"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(FindingsJson.ToJson(full)["capture"], FindingsJson.ToJson(focused)["capture"]));
        Assert.Equal(FindingsJson.ToJson(full)["patterns"]!.ToJsonString(), FindingsJson.ToJson(focused)["patterns"]!.ToJsonString());
        Assert.Equal(full.Errors, focused.Errors);
        // The lab captures have no retransmission or zero window, so even the triage histories match.
        Assert.Equal(full.Connections, focused.Connections);
    }

    [Fact]
    public async Task Packets_csv_of_the_default_mode_holds_the_focused_rows_with_original_frame_numbers()
    {
        await FixtureAnalyses.AnalyzeAsync("firewall-reject");
        var lines = File.ReadAllLines(Path.Combine(FixtureAnalyses.OutputRoot, "firewall-reject.pcapng", "packets.csv"));
        // The reset connection is frames 11 and 12 of the original; the other connection is not dissected.
        Assert.Equal(["11", "12"], lines.Skip(1).Select(line => line.Split(',')[0]));
    }

    [Fact]
    public async Task A_capture_without_a_RST_is_analysed_without_running_tshark_at_all()
    {
        var capture = FixtureAnalyses.CapturePath("clean-fin-http");
        var settings = new AnalysisSettings { Tshark = new TsharkProgram("/nonexistent/tshark") };
        var result = await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(
            new CaptureInput(capture, "clean"), Directory.CreateTempSubdirectory("tsharkrst-notshark-").FullName, CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Empty(result.Document!.Resets);
        Assert.Equal("ShADadfF", Assert.Single(result.Document.Connections).History);
        Assert.Equal(12, result.Document.Capture.Packets);
    }
}
