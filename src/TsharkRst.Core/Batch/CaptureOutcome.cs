using TsharkRst.Analysis;
using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>How one capture of a batch ended.</summary>
public enum OutcomeKind
{
    Analysed,
    UpToDate,
    Failed,
}

public sealed record CaptureOutcome(CaptureInput Input, OutcomeKind Kind, string OutputFolder, FindingsDocument? Document, string? Failure);
