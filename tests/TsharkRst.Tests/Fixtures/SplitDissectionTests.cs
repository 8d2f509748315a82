using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Reports;
using TsharkRst.Tests.Capture;
using TsharkRst.Tshark;
using static TsharkRst.Rows.TcpFlags;

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
    [InlineData("port-scan", 1)] // 20 reset connections between one pair of hosts, among them 21, 135, 139 and 445: kept whole
    [InlineData("hostile-strings", 2)] // two reset connections between one pair of hosts, one after the other
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

        Assert.Equal(2, split.Errors.Count);
        Assert.Equal("The capture is damaged at byte 58468 (frame 448): the file is cut short in the middle of a block of type 6: "
                     + "100 bytes announced, 8 present. The 447 packets before it were analysed.", split.Errors[0]);
        // tshark's exit code and words on the cut differ between versions (2 on 4.0, 14 on 4.6); the rest is ours.
        Assert.Matches(@"^tshark exited with code \d+ after 447 rows: tshark: .*cut short.* \(reading the 426 packets of the reset connections and DNS\)$",
            split.Errors[1]);
        Assert.Equal(one.Errors, split.Errors);
        Assert.Equal(1 + 447, split.Packets.Length);
        Assert.Equal(one.Packets, split.Packets);
    }

    [Fact]
    public async Task A_capture_read_whole_is_not_split_when_an_ICMP_error_quotes_a_segment()
    {
        // Synthetic bytes (what one tshark numbers, not a reset behaviour): four reset connections of three clients to
        // one server, and a router's "fragmentation needed" quoting the server's segment to the second client. One
        // tshark puts the quoted header in that connection's stream; split, the first group's tshark (which reads the
        // frames outside connections) would open a stream for it, and number every later stream one higher.
        using var temporary = new TemporaryFolder("tsharkrst-split-");
        var capture = Path.Combine(temporary.FullName, "quoted.pcap");
        var frames = new List<byte[]>();
        foreach (var (client, port) in new[] { ("192.0.2.10", 40000), ("192.0.2.11", 40001), ("192.0.2.12", 40002), ("192.0.2.10", 40003) })
        {
            byte[] Packet(bool toServer, byte[] segment) => Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x0800,
                toServer ? Frames.Ipv4(client, "198.51.100.10", 6, segment) : Frames.Ipv4("198.51.100.10", client, 6, segment));
            frames.Add(Packet(true, Frames.Tcp(port, 80, 1000, 0, Syn)));
            frames.Add(Packet(false, Frames.Tcp(80, port, 5000, 1001, Syn | Ack)));
            frames.Add(Packet(true, Frames.Tcp(port, 80, 1001, 5001, Ack)));
            var data = Frames.Ipv4("198.51.100.10", client, 6, Frames.Tcp(80, port, 5001, 1001, Psh | Ack, payload: 1400));
            frames.Add(Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x0800, data));
            if (port == 40001)
            {
                var icmp = new byte[8 + 68];
                (icmp[0], icmp[1], icmp[7]) = (3, 4, 120); // fragmentation needed, next-hop MTU 1400
                data.AsSpan(0, 68).CopyTo(icmp.AsSpan(8));
                frames.Add(Frames.Ethernet(Frames.ServerMac, Frames.ClientMac, 0x0800, Frames.Ipv4("203.0.113.1", "198.51.100.10", 1, icmp)));
            }
            frames.Add(Packet(false, Frames.Tcp(80, port, 6401, 1001, Rst | Ack)));
        }
        File.WriteAllBytes(capture, CaptureFile.Pcap(1, frames.Select((frame, i) => (1_700_000_000_000_000_000L + i * 1_000_000L, frame))));
        var focus = await Focus.MakeAsync(capture, CancellationToken.None);
        Assert.True(focus.ReadsOriginal);
        Assert.Equal((4, 1L), (focus.Triage!.Connections.ResetCount, focus.Triage.HiddenTcpFrames));

        async Task<string[]> PacketsAsync(AnalysisSettings settings, string name)
        {
            var result = (await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(
                new CaptureInput(capture, name), Path.Combine(temporary.FullName, name), CancellationToken.None)).Single();
            Assert.True(result.Succeeded, result.Failure);
            return File.ReadAllLines(Path.Combine(temporary.FullName, name, name, "packets.csv"));
        }

        var one = await PacketsAsync(new AnalysisSettings { Tsharks = 1 }, "one");
        var split = await PacketsAsync(FixtureAnalyses.Split, "split");

        var stream = Array.IndexOf(split[0].Split(','), "tcp.stream");
        Assert.Equal(["0", "1", "1", "2", "3"], new[] { 1, 8, 10, 12, 17 }.Select(frame => split[frame].Split(',')[stream]));
        Assert.Equal(one, split);
    }
}
