using System.Globalization;

namespace TsharkRst.Capture;

/// <summary>Where a capture file stops making sense: the byte offset (in the decompressed bytes of a
/// gzip file), the frame that would have been read there, and what was wrong.</summary>
public sealed record CaptureDamage(long Offset, long Frame, string Problem, bool Compressed = false)
{
    /// <summary>"The capture is damaged at byte 1234 (frame 7): ...", a sentence for findings.json's errors.</summary>
    public string Message =>
        $"The capture is damaged at byte {Offset.ToString(CultureInfo.InvariantCulture)}" +
        (Compressed ? " of its decompressed data" : "") +
        $" (frame {Frame.ToString(CultureInfo.InvariantCulture)}): {Problem}.";
}
