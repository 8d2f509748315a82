using TsharkRst.Capture;
using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>How the default mode went: the triage index (null when the capture needs tshark over
/// everything), what tshark read (the evidence is copied from it), and why the capture could not be
/// read at all.</summary>
internal sealed record FocusedDissection(TriageIndex? Triage, EvidenceSource Dissected, Exception? Unreadable);
