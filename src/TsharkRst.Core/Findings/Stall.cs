namespace TsharkRst.Findings;

/// <summary>A side whose data went unacknowledged when the connection fell silent: it resent
/// <see cref="ResentBytes"/> of its <see cref="UnackedBytes"/> outstanding bytes in
/// <see cref="Retransmissions"/> segments over <see cref="Span"/>, counted from the first sending of the
/// oldest of them; or its peer's window stayed shut (<see cref="ZeroWindow"/>). A silence that begins so
/// is a stall, not idleness.</summary>
public sealed record Stall(Side By, long UnackedBytes, long ResentBytes, int Retransmissions, TimeSpan Span, long FirstFrame, long LastFrame,
    bool ZeroWindow);
