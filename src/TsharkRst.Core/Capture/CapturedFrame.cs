using TsharkRst.Connections;
namespace TsharkRst.Capture;

/// <summary>One frame as the capture file holds it. <see cref="Data"/> points into the reader's
/// buffer and is valid until the next read.</summary>
public readonly ref struct CapturedFrame(long number, long offset, long nanoseconds, CaptureInterface captureInterface,
    ReadOnlySpan<byte> data, uint originalLength)
{
    /// <summary>1-based, as Wireshark numbers it.</summary>
    public long Number { get; } = number;

    /// <summary>Where its record or block starts (in the decompressed bytes of a gzip file).</summary>
    public long Offset { get; } = offset;

    /// <summary>Nanoseconds since 1970-01-01 UTC.</summary>
    public long Nanoseconds { get; } = nanoseconds;

    public CaptureInterface Interface { get; } = captureInterface;

    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>The length on the wire, which a snapshot length may have cut to <see cref="Data"/>'s.</summary>
    public uint OriginalLength { get; } = originalLength;

    /// <summary>The time to the 100 ns a DateTimeOffset holds (truncated, as the tshark rows are).</summary>
    public DateTimeOffset Time => CaptureClock.Time(Nanoseconds);
}
