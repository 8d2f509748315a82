using TsharkRst.Reports;

namespace TsharkRst.Analysis;

/// <summary>How one capture's analysis ended.</summary>
public sealed record CaptureResult(CaptureInput Input, FindingsDocument? Document, string? OutputFolder, string? Failure)
{
    /// <summary>Analysed, perhaps only in part (see the document's errors).</summary>
    public bool Succeeded => Failure is null;

    public static CaptureResult Failed(CaptureInput input, string reason) => new(input, null, null, $"{input.Path}: {reason}");
}
