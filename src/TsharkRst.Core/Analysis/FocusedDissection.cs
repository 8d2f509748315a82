using TsharkRst.Capture;

namespace TsharkRst.Analysis;

/// <summary>How the default mode went: the triage index (null when the capture needs tshark over
/// everything), the focused capture's frames, and why the capture could not be read at all.</summary>
internal sealed record FocusedDissection(TriageIndex? Triage, FrameMap Focus, Exception? Unreadable);
