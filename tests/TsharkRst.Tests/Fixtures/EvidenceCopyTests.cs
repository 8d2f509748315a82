using TsharkRst.Analysis;
using TsharkRst.Capture;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Fixtures;

/// <summary>evidence.pcapng copied while tshark runs (the default mode) is the file --full writes after it, byte for byte,
/// and a copy whose comments are not the findings' is not kept.</summary>
public class EvidenceCopyTests
{
    public static TheoryData<string> Scenarios => new(FixtureAnalyses.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_copy_made_while_tshark_runs_is_the_file_written_after_it(string scenario)
    {
        var copied = await FixtureAnalyses.AnalyzeAsync(scenario);
        var written = await FixtureAnalyses.AnalyzeFullAsync(scenario);
        // Without a RST, --full copies the DNS it read and the default mode reads none.
        if (copied.Document!.ResetTotal == 0)
            return;

        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(written.OutputFolder!, EvidenceCapture.FileName)),
            await File.ReadAllBytesAsync(Path.Combine(copied.OutputFolder!, EvidenceCapture.FileName)));
    }

    [Fact]
    public async Task Past_the_findings_limit_only_the_RSTs_of_the_findings_kept_carry_a_comment()
    {
        var capture = new CaptureInput(FixtureAnalyses.CapturePath("port-scan"), "port-scan");
        using var output = new TemporaryFolder("tsharkrst-evidence-copy-");
        var evidence = new List<byte[]>();
        foreach (var full in new[] { false, true })
        {
            var settings = new AnalysisSettings { MaxFindings = 3, FullDissection = full, Formats = OutputFormats.Json | OutputFormats.Evidence };
            var folder = Path.Combine(output.FullName, full ? "full" : "default");
            var result = (await new CaptureAnalyzer(settings, "TShark (test)").AnalyzeAsync(capture, folder, CancellationToken.None)).Single();
            Assert.Equal(3, result.Document!.Resets.Count);
            evidence.Add(await File.ReadAllBytesAsync(Path.Combine(result.OutputFolder!, EvidenceCapture.FileName)));
        }

        Assert.Equal(evidence[1], evidence[0]);
        var comments = (await Reports.EvidenceCaptureTests.FieldsAsync(Path.Combine(output.FullName, "default", "port-scan", EvidenceCapture.FileName),
            "frame.comment")).Count(p => p[0].Length > 0);
        Assert.Equal(3, comments);
    }

    [Fact]
    public async Task A_copy_that_missed_a_finding_is_not_kept()
    {
        var path = FixtureAnalyses.CapturePath("firewall-reject");
        var findings = (await FixtureAnalyses.AnalyzeAsync("firewall-reject")).Document!.Resets;
        var triage = TriagePass.Run(path, CancellationToken.None)!;
        using var output = new TemporaryFolder("tsharkrst-evidence-copy-");
        var file = Path.Combine(output.FullName, EvidenceCapture.FileName);
        // No connection awaited: the copy runs ahead of the findings, which never reach it.
        var plan = new EvidencePlan(path, triage.FocusFrames(), triage.ResumePoints, triage.Connections, _ => false);

        using (var copy = EvidenceCopy.Start(file, plan, limit: 1000, CancellationToken.None)!)
            Assert.False(await copy.CompleteAsync(findings));

        Assert.NotEmpty(findings);
        Assert.Empty(Directory.GetFiles(output.FullName));
    }
}
