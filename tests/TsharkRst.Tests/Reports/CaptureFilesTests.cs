using TsharkRst.Analysis;
using TsharkRst.Reports;

namespace TsharkRst.Tests.Reports;

public class CaptureFilesTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly string[] Written = ["findings.json", "report.html", "summary.md", "connections.csv"];

    private static FindingsDocument Unhashed()
    {
        var document = ReportSafetyTests.HostileDocument();
        return document with { Capture = document.Capture with { Sha256 = null } };
    }

    [Fact]
    public async Task Reports_wait_for_a_hash_still_being_computed_and_carry_it()
    {
        using var temporary = new TemporaryFolder("trst-files-");
        var hashing = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = new CaptureFiles(new AnalysisSettings(), temporary.FullName).WriteAsync(Unhashed(), Task.CompletedTask, hashing.Task);
        await Task.Delay(200);
        Assert.False(writing.IsCompleted);
        Assert.False(File.Exists(Path.Combine(temporary.FullName, "findings.json")));
        hashing.SetResult(Hash);
        var (document, failure) = await writing;
        Assert.Null(failure);
        Assert.Equal(Hash, document!.Capture.Sha256);
        Assert.All(Written, name => Assert.True(File.Exists(Path.Combine(temporary.FullName, name)), name));
        Assert.Contains($"\"sha256\": \"{Hash}\"", File.ReadAllText(Path.Combine(temporary.FullName, "findings.json")));
        Assert.Contains($"SHA-256 <span class=\"mono\">{Hash}</span>", File.ReadAllText(Path.Combine(temporary.FullName, "report.html")));
        Assert.Contains($"SHA-256 {Hash}", File.ReadAllText(Path.Combine(temporary.FullName, "summary.md")));
    }

    [Fact]
    public async Task A_capture_that_cannot_be_hashed_fails_and_leaves_no_reports_nor_evidence()
    {
        using var temporary = new TemporaryFolder("trst-files-");
        var evidence = Path.Combine(temporary.FullName, EvidenceCapture.FileName);
        File.WriteAllBytes(evidence, [0x0a, 0x0d, 0x0d, 0x0a]); // copied while tshark ran
        var (document, failure) = await new CaptureFiles(new AnalysisSettings(), temporary.FullName)
            .WriteAsync(Unhashed(), Task.CompletedTask, Task.FromException<string>(new IOException("Input/output error")));
        Assert.Null(document);
        Assert.Equal("it cannot be read (Input/output error)", failure);
        Assert.Empty(Directory.GetFiles(temporary.FullName));
    }
}
