using System.Text.Json.Nodes;
using TsharkRst.Analysis;
using TsharkRst.Capture;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Tests.Fixtures;
using TsharkRst.Tshark;

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
        Assert.Equal(["11", "12"], Frames(triaged.Folders["firewall-reject.pcapng"]));
        Assert.Equal(["11"], Frames(triaged.Folders["firewall-reject.copy.pcapng"]));
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

    private static IEnumerable<string> Frames(string folder) =>
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
