namespace TsharkRst.Reports;

/// <summary>The capture a findings document is about (spec: <c>capture</c>).</summary>
public sealed record CaptureInfo(
    string Path,
    string Name,
    string? Sha256,
    long Packets,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    string? Tshark);
