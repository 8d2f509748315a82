using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tests.Capture;
using TsharkRst.Tshark;
using static TsharkRst.Rows.TcpFlags;

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
        using var output = new TemporaryFolder("tsharkrst-notshark-");
        var result = (await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(
            new CaptureInput(capture, "clean"), output.FullName, CancellationToken.None)).Single();
        Assert.True(result.Succeeded, result.Failure);
        Assert.Empty(result.Document!.Resets);
        Assert.Equal("ShADadfF", Assert.Single(result.Document.Connections).History);
        Assert.Equal(12, result.Document.Capture.Packets);
    }

    /// <summary>802.11 data frames (LLC/SNAP, then IPv4): a link type tshark reads and the triage pass does not.</summary>
    private static byte[] Wifi(params byte[][] packets) => CaptureFile.Pcap(105, packets.Select((ip, i) => (1_795_000_000_000_000_000L + i * 1_000_000L,
        (byte[])[0x08, 0x02, 0, 0, .. new byte[18], 0, 0, 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00, .. ip])));

    [Theory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData(0L)] // tshark started alongside the triage pass, as for a big capture
    [InlineData(64L << 20)]
    public async Task A_capture_whose_link_type_only_tshark_reads_is_dissected_by_one_tshark_run(long earlyTsharkBytes)
    {
        using var temporary = new TemporaryFolder("tsharkrst-wifi-");
        var folder = temporary.FullName;
        var capture = Path.Combine(folder, "wifi.pcap");
        File.WriteAllBytes(capture, Wifi(
            Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(40000, 81, 1000, 0, Syn)),
            Frames.Ipv4("198.51.100.10", "192.0.2.10", 6, Frames.Tcp(81, 40000, 0, 1001, Rst | Ack))));
        // A tshark that notes each run: the dissections are those that read the capture or standard input.
        var log = Path.Combine(folder, "runs.log");
        var tshark = Path.Combine(folder, "tshark");
        File.WriteAllText(tshark, $"#!/bin/sh\necho \"$*\" >> '{log}'\nexec '{TsharkProgram.Default.Path}' \"$@\"\n");
        File.SetUnixFileMode(tshark, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = new AnalysisSettings { Tshark = new TsharkProgram(tshark), EarlyTsharkBytes = earlyTsharkBytes, Formats = OutputFormats.Json };

        var result = (await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(
            new CaptureInput(capture, "wifi"), Path.Combine(folder, "out"), CancellationToken.None)).Single();

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("port-closed", FindingsJson.ToJson(result.Document!)["resets"]![0]!["verdict"]!.GetValue<string>());
        Assert.Equal(2, result.Document!.Capture.Packets);
        Assert.Single(File.ReadAllLines(log), run => run.Contains("-r - ", StringComparison.Ordinal) || run.Contains(capture, StringComparison.Ordinal));
    }
}
