namespace TsharkRst.Capture;

/// <summary>What an extracted packet carries besides its bytes: its frame number in the original
/// capture (epb_packetid) and perhaps a comment.</summary>
public readonly record struct PacketNote(long OriginalFrame, string? Comment = null);
