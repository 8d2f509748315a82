namespace TsharkRst.Analysis;

/// <summary>A capture to analyse: its path as given, and the folder under OUT its reports go to
/// (its path relative to the folder given, or its file name).</summary>
public sealed record CaptureInput(string Path, string OutputName)
{
    /// <summary>The capture of the same traffic from the other end of the path (--pair, pairs.csv),
    /// itself without a pair; null for a capture analysed alone.</summary>
    public CaptureInput? Pair { get; init; }
}
