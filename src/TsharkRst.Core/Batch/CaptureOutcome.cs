using TsharkRst.Analysis;

namespace TsharkRst.Batch;

/// <summary>How one capture of a batch ended.</summary>
public enum OutcomeKind
{
    Analysed,
    UpToDate,
    Failed,
}

/// <summary>How one capture of a batch ended: <paramref name="Counts"/> when it was analysed, <paramref name="Failure"/> when it failed.</summary>
public sealed record CaptureOutcome(CaptureInput Input, OutcomeKind Kind, string OutputFolder, CaptureCounts? Counts, string? Failure);
