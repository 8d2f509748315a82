using TsharkRst.Reports;

namespace TsharkRst.Batch;

/// <summary>The manifest entry of one capture: what was analysed (size, modification time, SHA-256),
/// with what (tool version, field list, settings), and how it ended. Written after the capture's
/// outputs are complete, so its presence means they are.</summary>
public sealed record CaptureRecord
{
    public const string Schema = "tsharkrst/manifest-entry/v1";

    public required string Path { get; init; }
    public required string Output { get; init; }
    public required long Size { get; init; }
    public required DateTimeOffset Modified { get; init; }
    public required string? Sha256 { get; init; }
    public required string Tool { get; init; }
    public required string Fields { get; init; }
    public required string Settings { get; init; }
    public required string Status { get; init; }
    public string? Failure { get; init; }

    /// <summary>The capture it was paired with (its path), and that capture's SHA-256: a change to either redoes both.</summary>
    public string? Pair { get; init; }
    public string? PairSha256 { get; init; }

    public const string Analysed = IndexEntry.Analysed;
    public const string Failed = IndexEntry.Failed;
}
