using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Capture;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Tests.Capture;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tshark;
using static TsharkRst.Rows.TcpFlags;

namespace TsharkRst.Tests.Pairing;

/// <summary>A pair matched from the triage pass's outlines, with tshark over each capture's reset connections and their
/// matches only, says what tshark over both whole (--full) says.</summary>
public class PairTriageTests
{
    public static TheoryData<string> Names => new(PairFixtures.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_paired_lab_capture_gets_the_same_findings_json_as_with_full(string name)
    {
        var (client, server) = (PairFixtures.Capture(name, "client"), PairFixtures.Capture(name, "server"));
        var triaged = await PairFixtures.DocumentsAsync(client, server);
        var full = await PairFixtures.DocumentsAsync(client, server, full: true);
        Assert.Equal(full.Keys.Order(), triaged.Keys.Order());
        foreach (var (file, document) in full)
            Assert.Equal(document.ToJsonString(), triaged[file].ToJsonString());
    }

    [Fact]
    public async Task The_other_capture_reads_the_match_of_a_reset_connection_even_without_its_RST_and_nothing_else()
    {
        // firewall-reject: a clean HTTP connection (frames 1-10), then a SYN a firewall rejects (11, RST 12). The copy, 0.4 ms
        // later, lost the RST: it has no reset connection of its own, but its frame 11 is the match of the reset one.
        using var folder = new TemporaryFolder("tsharkrst-partner-");
        var here = FixtureAnalyses.CapturePath("firewall-reject");
        var there = Path.Combine(folder.FullName, "firewall-reject.copy.pcapng");
        await ProcessRunner.ReadAllAsync(new ProcessCommand("editcap", ["-t", "0.0004", here, there, "12"]));

        var triaged = await AnalyzeAsync(here, there, folder.NewFolder(), full: false);
        var full = await AnalyzeAsync(here, there, folder.NewFolder(), full: true);

        foreach (var file in new[] { "firewall-reject.pcapng", "firewall-reject.copy.pcapng" })
            Assert.Equal(full.Documents[file].ToJsonString(), triaged.Documents[file].ToJsonString());
        var reset = Assert.Single(triaged.Documents["firewall-reject.pcapng"]["resets"]!.AsArray())!;
        Assert.Equal(12, (int)reset["rstFrame"]!);
        Assert.Null(reset["pair"]!["rstFrameThere"]);
        var copy = triaged.Documents["firewall-reject.copy.pcapng"];
        Assert.Empty(copy["resets"]!.AsArray());
        Assert.Equal(2, (int)copy["pair"]!["matched"]!["endpoints"]!);
        Assert.Equal(["11", "12"], CsvFrames(triaged.Folders["firewall-reject.pcapng"]));
        Assert.Equal(["11"], CsvFrames(triaged.Folders["firewall-reject.copy.pcapng"]));
        // Evidence is the reset connections: the copy has none.
        Assert.Equal(2, EvidencePackets(triaged.Folders["firewall-reject.pcapng"]));
        Assert.Equal(0, EvidencePackets(triaged.Folders["firewall-reject.copy.pcapng"]));
    }

    private static int EvidencePackets(string folder)
    {
        using var reader = CaptureReader.Open(Path.Combine(folder, "evidence.pcapng"))!;
        var packets = 0;
        while (reader.Read(out _))
            packets++;
        return packets;
    }

    [Fact]
    public async Task A_pair_with_a_capture_only_tshark_reads_is_read_whole_on_both_sides_as_with_full()
    {
        // The same SYN and RST seen on 802.11 (a link type the triage pass does not decode) and, 0.4 ms later, on Ethernet.
        using var folder = new TemporaryFolder("tsharkrst-wifi-pair-");
        byte[][] packets =
        [
            Frames.Ipv4("192.0.2.10", "198.51.100.10", 6, Frames.Tcp(40000, 81, 1000, 0, Syn)),
            Frames.Ipv4("198.51.100.10", "192.0.2.10", 6, Frames.Tcp(81, 40000, 0, 1001, Rst | Ack)),
        ];
        var wifi = Path.Combine(folder.FullName, "wifi.pcap");
        File.WriteAllBytes(wifi, CaptureFile.Pcap(105, packets.Select((ip, i) => (1_795_000_000_000_000_000L + i * 1_000_000L,
            (byte[])[0x08, 0x02, 0, 0, .. new byte[18], 0, 0, 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00, .. ip]))));
        var wired = Path.Combine(folder.FullName, "wired.pcap");
        File.WriteAllBytes(wired, CaptureFile.Pcap(LinkType.Ethernet, packets.Select((ip, i) => (1_795_000_000_000_400_000L + i * 1_000_000L,
            Frames.Ethernet(Frames.ClientMac, Frames.ServerMac, 0x0800, ip)))));

        var triaged = await AnalyzeAsync(wifi, wired, folder.NewFolder(), full: false);
        var full = await AnalyzeAsync(wifi, wired, folder.NewFolder(), full: true);

        foreach (var file in new[] { "wifi.pcap", "wired.pcap" })
            Assert.Equal(full.Documents[file].ToJsonString(), triaged.Documents[file].ToJsonString());
        var reset = Assert.Single(triaged.Documents["wifi.pcap"]["resets"]!.AsArray())!;
        Assert.Equal("port-closed", (string)reset["verdict"]!);
        Assert.Equal(2, (int)reset["pair"]!["rstFrameThere"]!);
        Assert.Equal(1, (int)triaged.Documents["wifi.pcap"]["pair"]!["matched"]!["endpoints"]!);
    }

    private static IEnumerable<string> CsvFrames(string folder) =>
        File.ReadLines(Path.Combine(folder, "packets.csv")).Skip(1).Select(line => line.Split(',')[0]);

    private static async Task<(Dictionary<string, JsonObject> Documents, Dictionary<string, string> Folders)> AnalyzeAsync(
        string first, string second, string output, bool full)
    {
        var analyzer = new CaptureAnalyzer(new AnalysisSettings { FullDissection = full }, await TsharkProgram.Default.GetVersionAsync());
        var (a, _) = PairsFile.Paired(new CaptureInput(first, Path.GetFileName(first)), new CaptureInput(second, Path.GetFileName(second)));
        var results = await analyzer.AnalyzeAsync(a, output, CancellationToken.None);
        foreach (var result in results)
            Assert.True(result.Succeeded, result.Failure);
        return (results.ToDictionary(r => Path.GetFileName(r.Input.Path), r => FindingsJson.ToJson(r.Document!)),
            results.ToDictionary(r => Path.GetFileName(r.Input.Path), r => r.OutputFolder!));
    }
}
