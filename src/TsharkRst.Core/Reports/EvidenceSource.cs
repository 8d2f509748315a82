namespace TsharkRst.Reports;

/// <summary>Where evidence.pcapng copies its packets from: a capture (the original, or the focused copy
/// tshark read), the frames of it to copy (rising), and each one's number in the original capture.</summary>
public sealed record EvidenceSource(string Path, IReadOnlyCollection<long> Frames, Func<long, long> OriginalFrame);
