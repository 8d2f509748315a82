using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>One capture after tshark: what findings are drawn from, and what a paired capture is
/// matched against.</summary>
internal sealed record CaptureDissection(
    CaptureInput Input,
    string OutputFolder,
    CaptureInfo Capture,
    DissectedRows Rows,
    IReadOnlyList<string> Errors);
