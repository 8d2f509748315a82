using System.Globalization;
using TsharkRst.Analysis;
using TsharkRst.Batch;

namespace TsharkRst.Cli;

/// <summary>One plain line per capture, for cron, CI and pipes: what was found and where it went.</summary>
public sealed class LogLines(TextWriter stdout, TextWriter stderr, bool quiet) : IBatchObserver
{
    private readonly Lock _gate = new();

    public void Started(CaptureInput capture, long bytes)
    {
    }

    public void Finished(CaptureOutcome outcome, long bytes)
    {
        lock (_gate)
        {
            if (outcome.Kind == OutcomeKind.Failed)
                stderr.WriteLine($"tsharkrst: {outcome.Failure}");
            else if (!quiet)
                stdout.WriteLine(Line(outcome));
        }
    }

    public static string Line(CaptureOutcome outcome)
    {
        if (outcome.Kind == OutcomeKind.UpToDate)
            return $"{outcome.Input.Path}: up to date, not redone → {outcome.OutputFolder}";
        var counts = outcome.Counts!;
        var verdicts = counts.Verdicts.Count > 0
            ? $" ({string.Join(", ", counts.Verdicts.Select(v => $"{v.Verdict} {v.Resets.ToString(CultureInfo.InvariantCulture)}"))})"
            : "";
        var errors = counts.FirstError is { } first ? $"; {counts.Errors} problem(s): {first}" :
            counts.Packets == 0 ? "; the capture holds no packets" : "";
        return $"{outcome.Input.Path}: {Count(counts.Resets, "reset")} in {Count(counts.Connections, "connection")}{verdicts} → {outcome.OutputFolder}{errors}";
    }

    private static string Count(long n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
