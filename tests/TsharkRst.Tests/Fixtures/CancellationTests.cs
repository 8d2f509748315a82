using TsharkRst.Analysis;

namespace TsharkRst.Tests.Fixtures;

/// <summary>A run cancelled before a capture's dissection has started ends at once (Ctrl-C, SIGTERM), in every mode.</summary>
public class CancellationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_capture_started_after_the_run_was_cancelled_ends_with_the_cancellation(bool full)
    {
        var analyzer = new CaptureAnalyzer(new AnalysisSettings { FullDissection = full }, Task.FromResult("TShark (Wireshark) 4.0.17"));
        var path = FixtureAnalyses.CapturePath("closed-port");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var output = new TemporaryFolder("tsharkrst-cancelled-");

        // Bounded only so a regression fails instead of hanging the suite: the dissection used to be skipped whole,
        // leaving the conclusion waiting for address profiles that never came.
        var analysis = analyzer.AnalyzeAsync(new CaptureInput(path, Path.GetFileName(path)), output.FullName, cancelled.Token)
            .WaitAsync(TimeSpan.FromSeconds(60));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analysis);
    }
}
