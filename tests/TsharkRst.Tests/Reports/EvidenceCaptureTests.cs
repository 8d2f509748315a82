using System.Globalization;
using TsharkRst.Processes;
using TsharkRst.Reports;
using TsharkRst.Tests.Fixtures;

namespace TsharkRst.Tests.Reports;

/// <summary>evidence.pcapng, read back with tshark: the reset connections' packets with their original
/// times and frame numbers, and each first RST commented with its verdict and summary.</summary>
public class EvidenceCaptureTests
{
    internal static async Task<List<string[]>> FieldsAsync(string capture, params string[] fields)
    {
        var arguments = new List<string> { "-r", capture, "-n", "-T", "fields", "-E", "separator=/t" };
        foreach (var field in fields)
            arguments.AddRange(["-e", field]);
        var output = await ProcessRunner.ReadAllAsync(new ProcessCommand(TsharkRst.Tshark.TsharkProgram.Default.Path, arguments));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }

    [Theory]
    [InlineData("port-scan", false)]
    [InlineData("firewall-reject", false)]
    [InlineData("firewall-reject", true)]
    [InlineData("http-request-rst-nsec", false)]
    [InlineData("closed-port-sll", true)]
    public async Task Tshark_reads_each_verdict_and_summary_back_from_the_first_RST_comment(string scenario, bool full)
    {
        var result = full ? await FixtureAnalyses.AnalyzeFullAsync(scenario) : await FixtureAnalyses.AnalyzeAsync(scenario);
        var evidence = Path.Combine(result.OutputFolder!, EvidenceCapture.FileName);
        var packets = await FieldsAsync(evidence, "frame.packet_id", "frame.time_epoch", "frame.comment");

        var findings = result.Document!.Resets;
        Assert.NotEmpty(findings);
        var commented = packets.Where(p => p[2].Length > 0).ToList();
        Assert.Equal(findings.Select(f => f.RstFrame.ToString(CultureInfo.InvariantCulture)), commented.Select(p => p[0]));
        foreach (var (finding, packet) in findings.Zip(commented))
        {
            Assert.Equal(EvidenceCapture.Comment(finding), packet[2]);
            Assert.Contains(finding.Summary, packet[2]);
            Assert.Contains(TsharkRst.Findings.Vocabulary.Name(finding.Verdict), packet[2]);
        }

        // Every packet keeps its original frame number (as its packet id) and its original time.
        var original = (await FieldsAsync(FixtureAnalyses.CapturePath(scenario), "frame.number", "frame.time_epoch"))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.All(packets, p => Assert.Equal(original[p[0]], p[1]));
        var connectionFrames = result.Document.Connections.Where(c => c.HasReset).Sum(c => c.Packets);
        Assert.Equal(connectionFrames, packets.Count);
    }

    [Fact]
    public async Task A_capture_without_a_RST_gets_an_empty_evidence_file()
    {
        var result = await FixtureAnalyses.AnalyzeAsync("clean-fin-tls");
        Assert.Empty(await FieldsAsync(Path.Combine(result.OutputFolder!, EvidenceCapture.FileName), "frame.number"));
    }
}
