using System.Globalization;
using TsharkRst.Analysis;
using TsharkRst.Batch;
using TsharkRst.Findings;

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
        var document = outcome.Document!;
        var counts = document.Resets.GroupBy(f => Vocabulary.Name(f.Verdict))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}");
        var verdicts = document.Resets.Count > 0 ? $" ({string.Join(", ", counts)})" : "";
        var errors = document.Errors.Count > 0 ? $"; {document.Errors.Count} problem(s): {document.Errors[0]}" :
            document.Capture.Packets == 0 ? "; the capture holds no packets" : "";
        return $"{outcome.Input.Path}: {Count(document.Resets.Count, "reset")} in {Count(document.Connections.Count, "connection")}{verdicts} → {outcome.OutputFolder}{errors}";
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
