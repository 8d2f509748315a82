using System.Runtime.CompilerServices;

namespace TsharkRst.Capture;

/// <summary>The interface a packet was captured on: its link-layer type, snapshot length (0: none
/// declared) and how its timestamps count (units per second, plus an offset in seconds, pcapng's
/// if_tsresol and if_tsoffset).</summary>
public sealed record CaptureInterface(int LinkType, uint SnapLength, ulong UnitsPerSecond = 1_000_000, long OffsetSeconds = 0)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>A timestamp in this interface's units as nanoseconds since 1970.</summary>
    [MethodImpl(HotPath.Compilation)]
    public long Nanoseconds(ulong units)
    {
        var offset = OffsetSeconds * NanosecondsPerSecond;
        return UnitsPerSecond switch
        {
            1_000_000 => unchecked((long)(units * 1000)) + offset,
            1_000_000_000 => unchecked((long)units) + offset,
            _ => (long)((UInt128)units * NanosecondsPerSecond / UnitsPerSecond) + offset,
        };
    }
}
