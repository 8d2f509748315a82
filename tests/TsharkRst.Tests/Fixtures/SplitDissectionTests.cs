using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tshark;

namespace TsharkRst.Tests.Fixtures;

/// <summary>The reset connections split among several tsharks, whose rows are merged back by frame, give what one
/// tshark gives: the same findings as the default mode and as --full on every fixture.</summary>
public class SplitDissectionTests
{
    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Three_tsharks_give_the_findings_of_one_and_of_full(string scenario)
    {
        var split = (await FixtureAnalyses.AnalyzeSplitAsync(scenario)).Document!;
        var one = (await FixtureAnalyses.AnalyzeAsync(scenario)).Document!;
        var full = (await FixtureAnalyses.AnalyzeFullAsync(scenario)).Document!;

        foreach (var other in new[] { one, full })
        {
            Assert.Equal(FindingsJson.ToJson(other)["resets"]!.ToJsonString(), FindingsJson.ToJson(split)["resets"]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(FindingsJson.ToJson(other)["capture"], FindingsJson.ToJson(split)["capture"]));
            Assert.Equal(FindingsJson.ToJson(other)["patterns"]!.ToJsonString(), FindingsJson.ToJson(split)["patterns"]!.ToJsonString());
            Assert.Equal(other.Errors, split.Errors);
        }
        Assert.Equal(one.Connections, split.Connections);
    }

    [Theory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData("ftp-data-reset", 2)] // two clients, each a pair of hosts with the server, all frames read
    [InlineData("dns-name-reset-b", 2)] // one client, two servers
    [InlineData("port-scan", 1)] // 20 reset connections, all between one pair of hosts
    public async Task Each_group_gets_a_tshark_and_packets_csv_holds_the_rows_one_tshark_wrote(string scenario, int tsharks)
    {
        using var temporary = new TemporaryFolder("tsharkrst-split-");
        var folder = temporary.FullName;
        // A tshark that notes each run: the dissections are those that read standard input.
        var log = Path.Combine(folder, "runs.log");
        var tshark = Path.Combine(folder, "tshark");
        File.WriteAllText(tshark, $"#!/bin/sh\necho \"$*\" >> '{log}'\nexec '{TsharkProgram.Default.Path}' \"$@\"\n");
        File.SetUnixFileMode(tshark, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = FixtureAnalyses.Split with { Tshark = new TsharkProgram(tshark), Formats = OutputFormats.Json | OutputFormats.Csv };
        var capture = FixtureAnalyses.CapturePath(scenario);

        var result = (await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(
            new CaptureInput(capture, scenario), Path.Combine(folder, "out"), CancellationToken.None)).Single();

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(tsharks, File.ReadAllLines(log).Count(run => run.Contains("-r - ", StringComparison.Ordinal)));
        await FixtureAnalyses.AnalyzeAsync(scenario);
        Assert.Equal(
            File.ReadAllLines(Path.Combine(FixtureAnalyses.OutputRoot, Path.GetFileName(capture), "packets.csv")),
            File.ReadAllLines(Path.Combine(folder, "out", scenario, "packets.csv")));
    }

    [Fact]
    public async Task Where_one_tshark_reads_every_frame_the_groups_give_every_row_and_connection_of_it()
    {
        // 426 of the 448 frames are in reset connections, so one tshark reads the original; the 22 others are the
        // second client's control connection, whose 227 is what makes its data connection FTP-DATA.
        const string scenario = "ftp-data-reset";
        var capture = FixtureAnalyses.CapturePath(scenario);
        var focus = await Focus.MakeAsync(capture, CancellationToken.None);
        Assert.True(focus.ReadsOriginal);
        Assert.Equal((426, 448L), (focus.Frames.Count, focus.Triage!.Packets));
        using var temporary = new TemporaryFolder("tsharkrst-split-");
        var output = Path.Combine(temporary.FullName, "out");

        var result = (await new CaptureAnalyzer(FixtureAnalyses.Split, "TShark (test)").AnalyzeAsync(
            new CaptureInput(capture, scenario), output, CancellationToken.None)).Single();

        Assert.True(result.Succeeded, result.Failure);
        await FixtureAnalyses.AnalyzeAsync(scenario);
        var one = Path.Combine(FixtureAnalyses.OutputRoot, Path.GetFileName(capture));
        var packets = File.ReadAllLines(Path.Combine(output, scenario, "packets.csv"));
        Assert.Equal(File.ReadAllLines(Path.Combine(one, "packets.csv")), packets);
        Assert.Equal(1 + 448, packets.Length);
        Assert.Equal([100, 100], new[] { "backup-a.tar", "backup-b.tar" }.Select(file =>
            packets.Count(row => row.Contains($"FTP Data: 64 bytes (PASV) (RETR {file})", StringComparison.Ordinal))));
        Assert.Equal(File.ReadAllLines(Path.Combine(one, "connections.csv")), File.ReadAllLines(Path.Combine(output, scenario, "connections.csv")));
    }

    [Fact]
    public async Task A_damaged_capture_is_not_split_so_tshark_says_where_it_is_cut()
    {
        using var temporary = new TemporaryFolder("tsharkrst-split-");
        // ftp-data-reset cut 200 bytes short, in its last packet: the 447 before it are nearly all focused, so the original is read.
        var cut = Path.Combine(temporary.FullName, "ftp-data-reset-cut.pcapng");
        var bytes = File.ReadAllBytes(FixtureAnalyses.CapturePath("ftp-data-reset"));
        File.WriteAllBytes(cut, bytes[..^200]);
        Assert.True((await Focus.MakeAsync(cut, CancellationToken.None)).ReadsOriginal);

        async Task<(string[] Packets, IReadOnlyList<string> Errors)> AnalyzeAsync(AnalysisSettings settings, string name)
        {
            var result = (await new CaptureAnalyzer(settings with { TlsKeys = null }, "TShark (test)").AnalyzeAsync(
                new CaptureInput(cut, name), Path.Combine(temporary.FullName, name), CancellationToken.None)).Single();
            Assert.True(result.Succeeded, result.Failure);
            return (File.ReadAllLines(Path.Combine(temporary.FullName, name, name, "packets.csv")), result.Document!.Errors);
        }

        var one = await AnalyzeAsync(new AnalysisSettings { Tsharks = 1 }, "one");
        var split = await AnalyzeAsync(FixtureAnalyses.Split, "split");

        Assert.Equal(
            [
                "The capture is damaged at byte 58468 (frame 448): the file is cut short in the middle of a block of type 6: "
                + "100 bytes announced, 8 present. The 447 packets before it were analysed.",
                "tshark exited with code 2 after 447 rows: tshark: The standard input appears to have been cut short in the middle "
                + "of a packet. (reading the 426 packets of the reset connections and DNS)",
            ],
            split.Errors);
        Assert.Equal(one.Errors, split.Errors);
        Assert.Equal(1 + 447, split.Packets.Length);
        Assert.Equal(one.Packets, split.Packets);
    }
}
