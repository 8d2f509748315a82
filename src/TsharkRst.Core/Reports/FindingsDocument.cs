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

    /// <summary>The capture from the other end of the path it was paired with; null without one.</summary>
    public PairSummary? Pair { get; init; }
}
