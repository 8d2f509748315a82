using TsharkRst.Connections;
using TsharkRst.Findings;

namespace TsharkRst.Patterns;

/// <summary>The observations across a capture's connections (spec: <c>patterns[]</c>). Pure
/// functions of the connection summaries, the findings and the address profiles.</summary>
public static class PatternRules
{
    public static IReadOnlyList<Pattern> Find(
        IReadOnlyList<ConnectionSummary> connections, IReadOnlyList<ResetFinding> findings, AddressProfiles profiles) =>
    [
        .. IdleTimerPattern.Find(findings),
        .. ScanPattern.Find(findings),
        .. MacConflictPattern.Find(profiles),
        .. RequestSizePattern.Find(connections),
        .. ResetRatePattern.Find(connections, findings),
    ];
}
