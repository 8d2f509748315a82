using TsharkRst.Findings;

namespace TsharkRst.Pairing;

/// <summary>The pairing of a whole capture with its pair, for the top of findings.json and the
/// reports: the other capture, which end this one was taken at and why, the clocks, and how many
/// connections were found in both, by how they were matched.</summary>
public sealed record PairSummary(
    string Capture,
    string Path,
    Side ThisSide,
    string Sides,
    double? ClockOffsetSeconds,
    double? OneWayDelaySeconds,
    int Connections,
    int ConnectionsThere,
    IReadOnlyDictionary<MatchBasis, int> Matched)
{
    public int MatchedCount => Matched.Values.Sum();
}
