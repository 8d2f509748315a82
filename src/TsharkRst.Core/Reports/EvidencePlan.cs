using TsharkRst.Capture;
using TsharkRst.Connections;

namespace TsharkRst.Reports;

/// <summary>What evidence.pcapng will copy, known as soon as the triage pass is done: the frames of the original capture
/// (with the points its reader may jump to), and the index whose connections (those <paramref name="Awaited"/>) must be
/// concluded before their frames are copied.</summary>
public sealed record EvidencePlan(string Path, FrameSet Frames, IReadOnlyList<ResumePoint> ResumePoints, ConnectionIndex Index,
    Func<int, bool> Awaited);
