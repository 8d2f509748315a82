using Spectre.Console;
using TsharkRst.Analysis;
using TsharkRst.Batch;

namespace TsharkRst.Cli;

/// <summary>A live progress display on a terminal: the captures in hand, captures done / total,
/// bytes per second and the time left. Failures are still printed as lines above it.</summary>
public sealed class TerminalProgress(ProgressTask task, int total, TextWriter stderr) : IBatchObserver
{
    private readonly Lock _gate = new();
    private readonly List<string> _inHand = [];
    private int _done;

    public static async Task<T> RunAsync<T>(long totalBytes, int total, TextWriter stderr, Func<IBatchObserver, Task<T>> run) =>
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"0/{total} captures", maxValue: Math.Max(1, totalBytes));
                return await run(new TerminalProgress(task, total, stderr));
            });

    public void Started(CaptureInput capture, long bytes)
    {
        lock (_gate)
        {
            _inHand.Add(Path.GetFileName(capture.Path));
            Describe();
        }
    }

    public void Finished(CaptureOutcome outcome, long bytes)
    {
        lock (_gate)
        {
            _inHand.Remove(Path.GetFileName(outcome.Input.Path));
            _done++;
            task.Increment(bytes);
            if (outcome.Kind == OutcomeKind.Failed)
                stderr.WriteLine($"tsharkrst: {outcome.Failure}");
            Describe();
        }
    }

    private void Describe() =>
        task.Description = Markup.Escape($"{_done}/{total} captures{(_inHand.Count > 0 ? " · " + string.Join(", ", _inHand) : "")}");
}
