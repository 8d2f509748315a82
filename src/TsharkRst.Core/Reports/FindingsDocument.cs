using TsharkRst.Connections;
using TsharkRst.Findings;
using TsharkRst.Pairing;
using TsharkRst.Patterns;

namespace TsharkRst.Reports;

/// <summary>Everything learned from one capture: what findings.json holds and every report shows.</summary>
public sealed record FindingsDocument(
    CaptureInfo Capture,
    IReadOnlyList<ResetFinding> Resets,
    IReadOnlyList<Pattern> Patterns,
    IReadOnlyList<string> Errors)
{
    public const string Schema = "tsharkrst/findings/v1";

    /// <summary>Every TCP connection the capture held, reset or not.</summary>
    public IReadOnlyList<ConnectionSummary> Connections { get; init; } = [];

    /// <summary>The resets past the findings limit, counted; null when every reset is in <see cref="Resets"/>.</summary>
    public ResetAggregate? Aggregated { get; init; }

    /// <summary>Every reset, those past the findings limit included.</summary>
    public long ResetTotal => Resets.Count + (Aggregated?.Resets ?? 0);

    /// <summary>The capture from the other end of the path it was paired with; null without one.</summary>
    public PairSummary? Pair { get; init; }
}
