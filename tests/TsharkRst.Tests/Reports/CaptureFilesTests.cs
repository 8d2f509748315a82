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
        Assert.All(["findings.json", "report.html", "summary.md"], name => Assert.False(File.Exists(Path.Combine(temporary.FullName, name)), name));
        hashing.SetResult(Hash);
        var (document, failure) = await writing;
        Assert.Null(failure);
        Assert.Equal(Hash, document!.Capture.Sha256);
        Assert.All(Written, name => Assert.True(File.Exists(Path.Combine(temporary.FullName, name)), name));
        Assert.Contains($"\"sha256\": \"{Hash}\"", File.ReadAllText(Path.Combine(temporary.FullName, "findings.json")));
        Assert.Contains($"SHA-256 <span class=\"mono\">{Hash}</span>", File.ReadAllText(Path.Combine(temporary.FullName, "report.html")));
        Assert.Contains($"SHA-256 {Hash}", File.ReadAllText(Path.Combine(temporary.FullName, "summary.md")));
    }

    /// <summary>packets.csv and evidence.pcapng as this run left them before the hash was known.</summary>
    private static string WrittenWhileHashing(TemporaryFolder temporary)
    {
        File.WriteAllText(Path.Combine(temporary.FullName, "packets.csv"), "frame.number\n1\n");
        File.WriteAllBytes(Path.Combine(temporary.FullName, EvidenceCapture.FileName), [0x0a, 0x0d, 0x0d, 0x0a]);
        return temporary.FullName;
    }

    [Fact]
    public async Task A_capture_that_cannot_be_hashed_fails_as_unreadable_and_leaves_no_outputs()
    {
        using var temporary = new TemporaryFolder("trst-files-");
        // The evidence, read again from the same bad file, fails too: the hash's word is the one kept.
        var (document, failure) = await new CaptureFiles(new AnalysisSettings(), WrittenWhileHashing(temporary)).WriteAsync(Unhashed(),
            Task.FromException(new IOException("Bad message")), Task.FromException<string>(new IOException("Input/output error")));
        Assert.Null(document);
        Assert.Equal("it cannot be read (Input/output error)", failure);
        Assert.Empty(Directory.GetFiles(temporary.FullName));
    }

    [Fact]
    public async Task A_run_cancelled_while_hashing_leaves_no_outputs()
    {
        using var temporary = new TemporaryFolder("trst-files-");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CaptureFiles(new AnalysisSettings(), WrittenWhileHashing(temporary))
            .WriteAsync(Unhashed(), Task.CompletedTask, Task.FromCanceled<string>(new CancellationToken(true))));
        Assert.Empty(Directory.GetFiles(temporary.FullName));
    }

    [Fact]
    public async Task Outputs_not_asked_for_are_left_alone_when_the_capture_cannot_be_read()
    {
        using var temporary = new TemporaryFolder("trst-files-");
        var (_, failure) = await new CaptureFiles(new AnalysisSettings { Formats = OutputFormats.Json }, WrittenWhileHashing(temporary))
            .WriteAsync(Unhashed(), Task.CompletedTask, Task.FromException<string>(new IOException("Input/output error")));
        Assert.NotNull(failure);
        Assert.Equal(["evidence.pcapng", "packets.csv"], Directory.GetFiles(temporary.FullName).Select(Path.GetFileName).Order());
    }
}
