namespace TsharkRst.Findings;

/// <summary>A side whose data went unacknowledged when the connection fell silent: it retransmitted
/// <see cref="Retransmissions"/> times over <see cref="Span"/> (or probed a zero window) and was not
/// answered. A silence that begins so is a stall, not idleness.</summary>
public sealed record Stall(Side By, long UnackedBytes, int Retransmissions, TimeSpan Span, long FirstFrame, long LastFrame, bool ZeroWindow);
