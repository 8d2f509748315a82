namespace TsharkRst.Capture;

/// <summary>Where a frame's record starts in an uncompressed capture, and which section and interface
/// layout (<see cref="CaptureReader.Layout"/>) was in force there: a reader in the same layout can jump
/// to it instead of reading every frame before it.</summary>
public readonly record struct ResumePoint(long Frame, long Offset, int Layout);
