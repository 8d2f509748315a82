namespace TsharkRst.Findings;

/// <summary>The spec's <c>pair</c> object of a finding: the other capture's name, the frame of the
/// same RST there (null when it is not there), whether the claimed sender's own capture shows the
/// RST leaving it (null when the other capture is not at the claimed sender's side, or nothing can
/// be told), and the other capture's clock minus this one's (null when no packet is in both).</summary>
public sealed record ResetPair(string Capture, long? RstFrameThere, bool? RstLeftSender, double? ClockOffsetSeconds);
